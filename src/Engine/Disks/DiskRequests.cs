namespace HvWeb.Engine.Disks;

/// <summary>
/// New Virtual Hard Disk. <see cref="SizeBytes"/> for a new empty fixed or dynamic disk;
/// <see cref="CopyFromPath"/> instead to copy the contents of an existing disk (its size is kept);
/// <see cref="ParentPath"/> for a differencing disk (its size is the parent's).
/// </summary>
public sealed record NewDiskRequest
{
    public required string Path { get; init; }
    public DiskFormat Format { get; init; } = DiskFormat.Vhdx;
    public VirtualDiskType Type { get; init; } = VirtualDiskType.Dynamic;
    public long? SizeBytes { get; init; }
    public string? CopyFromPath { get; init; }
    public string? ParentPath { get; init; }
}

/// <summary>The Edit Disk wizard's actions.</summary>
public enum DiskAction
{
    Compact,
    Convert,
    Expand,
    Shrink,
    Merge,
    Reconnect,
}

/// <summary>
/// One Edit Disk action on <see cref="Path"/>. Convert: <see cref="DestinationPath"/>,
/// <see cref="Format"/>, <see cref="Type"/> (Fixed or Dynamic). Expand / Shrink:
/// <see cref="NewSizeBytes"/>. Merge: into the parent (<see cref="DestinationPath"/> null) or into
/// a new disk (<see cref="DestinationPath"/>, <see cref="Type"/>; its format from its extension).
/// Reconnect: <see cref="ParentPath"/>, where the parent is now.
/// </summary>
public sealed record EditDiskRequest
{
    public required string Path { get; init; }
    public DiskAction Action { get; init; }
    public string? DestinationPath { get; init; }
    public DiskFormat? Format { get; init; }
    public VirtualDiskType? Type { get; init; }
    public long? NewSizeBytes { get; init; }
    public string? ParentPath { get; init; }
}

/// <summary>One disk of a chain as Inspect Disk shows it (the disk itself first, then its parents).</summary>
public sealed record DiskChainEntry(string Path, string Format, long VirtualSizeBytes, long FileSizeBytes, bool Exists);

/// <summary>Whether an Edit Disk action applies to this disk, and why not.</summary>
public sealed record DiskActionAvailability(DiskAction Action, bool Available, string? Reason);

/// <summary>Inspect Disk: what Hyper-V's dialog shows, plus which edits apply.</summary>
public sealed record DiskDetails
{
    public required string Path { get; init; }
    /// <summary>qemu-img's name ("vhdx", "vpc", "qcow2", "raw").</summary>
    public required string QemuFormat { get; init; }
    /// <summary>Null for a format HvWeb does not create (raw and others).</summary>
    public DiskFormat? Format { get; init; }
    public VirtualDiskType Type { get; init; }
    public long FileSizeBytes { get; init; }
    public long MaximumSizeBytes { get; init; }
    /// <summary>The parents, nearest first (empty for a fixed or dynamic disk).</summary>
    public IReadOnlyList<DiskChainEntry> Parents { get; init; } = [];
    /// <summary>The VM using this disk while Running, Paused or Saved, if any.</summary>
    public string? InUseBy { get; init; }
    public IReadOnlyList<DiskActionAvailability> Actions { get; init; } = [];
}
