using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Stable QEMU names of a drive, derived from its controller slot: the device id (what QMP's
/// <c>blockdev-change-medium</c> / <c>query-block</c> name as qdev) and the block node names.
/// IDE 1:0 → device <c>ide1-0</c>, nodes <c>ide1-0-format</c> over <c>ide1-0-file</c>.
/// </summary>
public static class DriveNames
{
    public static string Device(DriveDefinition drive) => drive.Controller switch
    {
        ControllerType.Ide => $"ide{drive.ControllerNumber}-{drive.Location}",
        ControllerType.Scsi => $"scsi{drive.ControllerNumber}-{drive.Location}",
        _ => throw new ArgumentOutOfRangeException(nameof(drive), drive.Controller, "Unknown controller type."),
    };

    /// <summary>The node the device reads: qcow2 for a hard disk, raw for an ISO.</summary>
    public static string FormatNode(DriveDefinition drive) => Device(drive) + "-format";

    /// <summary>The protocol node (the file itself) under <see cref="FormatNode"/>.</summary>
    public static string FileNode(DriveDefinition drive) => Device(drive) + "-file";

    /// <summary>The virtio-scsi controller that carries SCSI controller <paramref name="controllerNumber"/>.</summary>
    public static string ScsiController(int controllerNumber) => $"scsi{controllerNumber}";
}
