using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// QMP arguments for changes to a running VM, with the same node and device names as the command
/// line (<see cref="DriveNames"/>), so a hot-plugged disk looks exactly like one present at start.
/// </summary>
public static class HotPlugCommands
{
    /// <summary><c>blockdev-add</c> of the file node, then of the qcow2 node over it.</summary>
    public static IReadOnlyList<Dictionary<string, object>> DiskNodes(DriveDefinition drive)
    {
        ArgumentNullException.ThrowIfNull(drive);
        var path = drive.Path ?? throw new ArgumentException("A hard drive needs a disk file.", nameof(drive));
        return
        [
            new() { ["driver"] = "file", ["filename"] = path, ["node-name"] = DriveNames.FileNode(drive), ["discard"] = "unmap" },
            new() { ["driver"] = "qcow2", ["file"] = DriveNames.FileNode(drive), ["node-name"] = DriveNames.FormatNode(drive), ["discard"] = "unmap" },
        ];
    }

    /// <summary><c>device_add</c> of a SCSI hard disk at its controller and location (LUN).</summary>
    public static Dictionary<string, object> ScsiDisk(DriveDefinition drive)
    {
        ArgumentNullException.ThrowIfNull(drive);
        return new()
        {
            ["driver"] = "scsi-hd",
            ["bus"] = DriveNames.ScsiController(drive.ControllerNumber) + ".0",
            ["channel"] = 0,
            ["scsi-id"] = 0,
            ["lun"] = drive.Location,
            ["drive"] = DriveNames.FormatNode(drive),
            ["id"] = DriveNames.Device(drive),
        };
    }

    /// <summary><c>blockdev-change-medium</c>: an ISO into a DVD drive (read-only raw).</summary>
    public static Dictionary<string, object> InsertMedium(DriveDefinition drive, string iso) => new()
    {
        ["id"] = DriveNames.Device(drive),
        ["filename"] = iso,
        ["format"] = "raw",
        ["read-only-mode"] = "read-only",
        ["force"] = true,
    };

    /// <summary><c>eject</c>: empties a DVD drive even if the guest locked the tray.</summary>
    public static Dictionary<string, object> Eject(DriveDefinition drive) => new()
    {
        ["id"] = DriveNames.Device(drive),
        ["force"] = true,
    };

    /// <summary><c>set_link</c> of a network adapter (by its device id).</summary>
    public static Dictionary<string, object> SetLink(int adapterIndex, bool up) => new()
    {
        ["name"] = NetworkNames.Device(adapterIndex),
        ["up"] = up,
    };
}
