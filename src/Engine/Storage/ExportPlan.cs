using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>One file of a disk chain as <c>qemu-img info --backing-chain</c> sees it.</summary>
/// <param name="Backing">The absolute path of its backing file, or null (a base disk).</param>
internal sealed record DiskLayer(string Path, string Format, string? Backing, long AllocatedBytes, long VirtualBytes);

/// <summary>How one disk file reaches the export.</summary>
internal enum ExportCopyKind
{
    /// <summary>A file nobody writes (a checkpoint's frozen file, or any file of an Off / Saved VM): <c>qemu-img convert</c> of its own layer.</summary>
    Copy,

    /// <summary>The file a running or paused VM writes to: a QEMU backup job (sync=top on a chain, full otherwise) started at the export's point in time.</summary>
    Backup,

    /// <summary>DisksAsVhdx: the whole chain flattened into one .vhdx (through a point-in-time backup first when QEMU writes to it).</summary>
    Flatten,
}

/// <summary>
/// One disk file to write: <paramref name="Target"/> is relative to the export's VM folder
/// ("Virtual Hard Disks/x.qcow2"); <paramref name="BackingTarget"/> is the exported parent's file
/// name (same folder), written into the copy's header.
/// </summary>
internal sealed record ExportDiskStep(ExportCopyKind Kind, DiskLayer Source, string Target, string TargetFormat, string? BackingTarget, string? BackingFormat, bool InUse, long Bytes);

/// <summary>A plain file copy (saved state, firmware variables, a checkpoint's memory state).</summary>
internal sealed record ExportFileCopy(string Source, string Target, long Bytes);

/// <summary>Everything an export writes, decided before anything is written (see <see cref="ExportPlanner"/>).</summary>
internal sealed record ExportPlan(
    string FolderName,
    VmDefinition Config,
    IReadOnlyList<Checkpoint> Checkpoints,
    IReadOnlyList<ExportDiskStep> Disks,
    IReadOnlyList<ExportFileCopy> Files)
{
    public long TotalBytes => Disks.Sum(d => d.Bytes) + Files.Sum(f => f.Bytes);
}
