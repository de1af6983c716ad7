using HvWeb.Engine.Model;

namespace HvWeb.Engine.Checkpoints;

/// <summary>What a checkpoint holds: Standard (disks + memory and device state) or Production (disks only).</summary>
public enum CheckpointKind
{
    Standard,
    Production,
}

/// <summary>A disk file a checkpoint froze, by the drive's controller slot.</summary>
public sealed record CheckpointDisk
{
    public required ControllerType Controller { get; init; }
    public int ControllerNumber { get; init; }
    public int Location { get; init; }
    /// <summary>The frozen qcow2 file: nobody writes to it while the checkpoint exists.</summary>
    public required string Path { get; init; }

    public bool IsSlotOf(DriveDefinition drive) =>
        drive.Controller == Controller && drive.ControllerNumber == ControllerNumber && drive.Location == Location;
}

/// <summary>
/// One checkpoint, stored as <c>&lt;checkpoint folder&gt;/&lt;ID&gt;.json</c> (see <see cref="CheckpointStore"/>);
/// a Standard checkpoint's memory and device state is <c>&lt;ID&gt;.vmstate</c> beside it.
/// </summary>
public sealed record Checkpoint
{
    public int SchemaVersion { get; init; } = 1;
    public required Guid Id { get; init; }
    public required Guid VmId { get; init; }
    public required string Name { get; init; }
    public required CheckpointKind Type { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The checkpoint this one was taken under; null = a root of the tree.</summary>
    public Guid? ParentId { get; init; }
    /// <summary>The VM's settings when the checkpoint was taken (restored by Apply).</summary>
    public required VmDefinition Settings { get; init; }
    public IReadOnlyList<CheckpointDisk> Disks { get; init; } = [];
    /// <summary>Standard checkpoint of a running, paused or saved VM: its memory and device state file; else null.</summary>
    public string? SavedStateFile { get; init; }
    /// <summary>
    /// Set when a delete started merging another file into this checkpoint's frozen files; a
    /// finished delete removes the record. Still set after a restart = the merge was interrupted
    /// (a crash): the frozen files are partly merged, so the checkpoint can only be deleted again.
    /// </summary>
    public DateTimeOffset? MergeStartedUtc { get; init; }
}
