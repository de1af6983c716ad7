namespace HvWeb.Engine.Host;

/// <summary>
/// The tiny guest the KVM probe boots (kernel + initramfs from the project's guest images); its init
/// prints <see cref="ReadyMarker"/> on the serial console once it has reached user space.
/// </summary>
internal sealed record KvmProbeGuest(string Kernel, string Initrd)
{
    public const string ReadyMarker = "HVWEB-READY";

    public static KvmProbeGuest? Find(string? guestImagesFolder)
    {
        if (string.IsNullOrEmpty(guestImagesFolder))
        {
            return null;
        }

        var guest = new KvmProbeGuest(Path.Combine(guestImagesFolder, "vmlinuz"), Path.Combine(guestImagesFolder, "initrd.img"));
        return File.Exists(guest.Kernel) && File.Exists(guest.Initrd) ? guest : null;
    }

    /// <summary>KVM with the host's CPU model: exactly what a VM gets when KVM is chosen.</summary>
    public IReadOnlyList<string> Arguments(string serialLog) =>
    [
        "-accel", "kvm", "-cpu", "host", "-machine", "pc", "-m", "128",
        "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
        "-kernel", Kernel, "-initrd", Initrd, "-append", "console=ttyS0",
        "-chardev", "file,id=serial,path=" + Qemu.QemuOpts.Escape(serialLog), "-serial", "chardev:serial",
    ];
}
