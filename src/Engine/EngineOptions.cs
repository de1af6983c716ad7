using HvWeb.Engine.Host;

namespace HvWeb.Engine;

/// <summary>Settings of the engine (section "HvWeb" of the configuration).</summary>
public sealed class EngineOptions
{
    public const string Section = "HvWeb";

    /// <summary>The host's data root (holds hvweb.db and, by default, the VM folders).</summary>
    public string DataRoot { get; set; } = "";
    /// <summary>Where new VMs go unless the user picks another location; default &lt;DataRoot&gt;/Virtual Machines.</summary>
    public string? DefaultVmFolder { get; set; }
    public string QemuBinary { get; set; } = "qemu-system-x86_64";
    public string QemuImgBinary { get; set; } = "qemu-img";
    public AcceleratorMode Accelerator { get; set; } = AcceleratorMode.Auto;
    public string OvmfCode { get; set; } = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public string OvmfVars { get; set; } = "/usr/share/OVMF/OVMF_VARS_4M.fd";
    /// <summary>Secure Boot firmware (SMM build) from Debian's ovmf package.</summary>
    public string OvmfSecureBootCode { get; set; } = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";
    /// <summary>Variable store template with Microsoft's keys enrolled (Windows and the UEFI CA), like Hyper-V's templates.</summary>
    public string OvmfSecureBootVars { get; set; } = "/usr/share/OVMF/OVMF_VARS_4M.ms.fd";
    /// <summary>Folder with the project's guest images (tiny-bios.qcow2, tiny-uefi.qcow2, vmlinuz, initrd.img) used by the KVM probe.</summary>
    public string? GuestImagesFolder { get; set; }
    /// <summary>How long Shut Down waits for the guest before the VM is shown Running again with a warning.</summary>
    public TimeSpan ShutDownTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Run the automatic start / stop actions when the host service starts / stops.</summary>
    public bool RunAutomaticActions { get; set; } = true;
    /// <summary>
    /// Run the automatic stop actions whenever the console exits (for a container, whose QEMU
    /// processes end with it). Otherwise they run only when the host itself shuts down, and a
    /// console restart leaves VMs running.
    /// </summary>
    public bool ApplyStopActionsOnExit { get; set; }
}
