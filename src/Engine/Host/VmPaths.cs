using System.Security.Cryptography;
using System.Text;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Host;

/// <summary>
/// Hyper-V's folder layout for a VM, plus the short socket folder. Unix socket paths are limited
/// to 107 bytes (sun_path), and a VM folder may be long, so QMP / VNC / serial sockets live in
/// <see cref="SocketFolder"/> (/tmp/hvweb-&lt;hash of the data root&gt;/&lt;VM-ID&gt;), which holds only
/// hex digits and the GUID; everything that must survive a reboot stays in the VM folder.
/// </summary>
public static class VmPaths
{
    public const string ConfigFolderName = "Virtual Machines";
    public const string DisksFolderName = "Virtual Hard Disks";
    public const string SnapshotsFolderName = "Snapshots";

    /// <summary>&lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;.json</summary>
    public static string ConfigFile(VmDefinition vm) =>
        Path.Combine(vm.Folder, ConfigFolderName, $"{vm.Id:D}.json");

    /// <summary>&lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;/: saved state, firmware variables, logs, pid file.</summary>
    public static string RuntimeFolder(VmDefinition vm) =>
        Path.Combine(vm.Folder, ConfigFolderName, vm.Id.ToString("D"));

    public static string DisksFolder(VmDefinition vm) => Path.Combine(vm.Folder, DisksFolderName);

    public static string SnapshotsFolder(VmDefinition vm) => Path.Combine(vm.Folder, SnapshotsFolderName);

    /// <summary>Saved state (memory and device state) of a Saved VM.</summary>
    public static string SavedStateFile(VmDefinition vm) => Path.Combine(RuntimeFolder(vm), $"{vm.Id:D}.vmstate");

    /// <summary>Generation 2 UEFI variable store (a per-VM copy of OVMF_VARS), like Hyper-V's .vmgs.</summary>
    public static string FirmwareVarsFile(VmDefinition vm) => Path.Combine(RuntimeFolder(vm), $"{vm.Id:D}.vmgs");

    public static string PidFile(VmDefinition vm) => Path.Combine(RuntimeFolder(vm), "qemu.pid");

    /// <summary>Everything the guest writes on COM1 (the serial chardev's log).</summary>
    public static string SerialLogFile(VmDefinition vm) => Path.Combine(RuntimeFolder(vm), "serial.log");

    /// <summary>QEMU's own log (stderr of the daemon, -D).</summary>
    public static string QemuLogFile(VmDefinition vm) => Path.Combine(RuntimeFolder(vm), "qemu.log");

    /// <summary>/tmp/hvweb-&lt;8 hex digits of SHA-256(data root)&gt; — one per host data root.</summary>
    public static string SocketRoot(string dataRoot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataRoot)));
        return Path.Combine("/tmp", "hvweb-" + Convert.ToHexStringLower(hash.AsSpan(0, 4)));
    }

    public static string SocketFolder(string dataRoot, Guid vmId) => Path.Combine(SocketRoot(dataRoot), vmId.ToString("D"));

    public static string QmpSocket(string socketFolder) => Path.Combine(socketFolder, "qmp.sock");

    public static string VncSocket(string socketFolder) => Path.Combine(socketFolder, "vnc.sock");

    public static string SerialSocket(string socketFolder) => Path.Combine(socketFolder, "serial.sock");
    /// <summary>The QEMU guest agent's channel (virtio-serial) on the host side.</summary>
    public static string GuestAgentSocket(string socketFolder) => Path.Combine(socketFolder, "qga.sock");

    /// <summary>
    /// A COM port's named pipe: Hyper-V's <c>\\.\pipe\NAME</c> is the unix socket
    /// <c>&lt;socket folder&gt;/pipe-NAME</c> (the socket folder, not the runtime folder, because a
    /// socket path holds at most 107 bytes).
    /// </summary>
    public static string PipeSocket(string socketFolder, string pipeName)
    {
        const string prefix = @"\\.\pipe\";
        var name = pipeName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? pipeName[prefix.Length..] : pipeName;
        return Path.Combine(socketFolder, "pipe-" + name);
    }
}
