namespace HvWeb.Engine.Model;

/// <summary>
/// A hard drive or DVD drive on a controller slot. IDE: controller 0–1, location 0–1.
/// SCSI: controller 0–3, location 0–63. <see cref="Path"/> is a qcow2 disk, or an ISO for a DVD
/// (null = empty DVD drive).
/// </summary>
public sealed record DriveDefinition
{
    public required ControllerType Controller { get; init; }
    public int ControllerNumber { get; init; }
    public int Location { get; init; }
    public DriveKind Kind { get; init; } = DriveKind.HardDisk;
    public string? Path { get; init; }
}
