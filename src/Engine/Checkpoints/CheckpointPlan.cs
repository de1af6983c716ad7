using HvWeb.Engine.Model;

namespace HvWeb.Engine.Checkpoints;

/// <summary>A hard drive slot and the file the VM ("Now") writes to.</summary>
public sealed record NowDisk(DriveDefinition Drive, string Path);

/// <summary>One file operation of a checkpoint delete, in the order they run.</summary>
public abstract record DeleteStep;

/// <summary>Merge <see cref="Top"/> into its backing file <see cref="Base"/>; live (QMP block-commit) when QEMU has the chain open.</summary>
public sealed record CommitStep(string Top, string Base, bool Live, bool TopIsActive) : DeleteStep;

/// <summary>Point <see cref="File"/>'s backing at <see cref="NewBacking"/> (same content: header only).</summary>
public sealed record RebaseStep(string File, string NewBacking) : DeleteStep;

/// <summary>Remove a differencing disk nothing uses any more.</summary>
public sealed record RemoveStep(string File) : DeleteStep;

/// <summary>The file stays: several checkpoints (or "Now") build on it.</summary>
public sealed record KeepStep(string File, int Dependents) : DeleteStep;

/// <summary>
/// What deleting one checkpoint does: the file steps, then which records change — each file that
/// was merged away is replaced by its base in the checkpoint or VM that referred to it.
/// </summary>
public sealed record DeletePlan(Checkpoint Checkpoint, IReadOnlyList<DeleteStep> Steps, IReadOnlyDictionary<string, string> Redirects);

/// <summary>
/// The pure part of checkpoint operations: which files are created, merged, re-pointed or removed.
/// Nothing here touches the disk; the service runs the plans.
/// </summary>
public static class CheckpointPlanner
{
    /// <summary>Take: each hard disk gets a new differencing disk named after the checkpoint.</summary>
    public static IReadOnlyList<(DriveDefinition Drive, string Frozen, string Overlay)> Take(VmDefinition vm, Guid checkpointId)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return [.. vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null)
            .Select(d => (d, d.Path!, CheckpointNames.Overlay(d.Path!, checkpointId)))];
    }

    /// <summary>
    /// Apply: new differencing disks on the checkpoint's frozen files (named after
    /// <paramref name="nowId"/>, a fresh ID), the settings copy with its drives pointing at them, and
    /// the files of "Now" that are discarded (only differencing disks no checkpoint refers to).
    /// </summary>
    public static (VmDefinition Definition, IReadOnlyList<(string Frozen, string Overlay)> Overlays, IReadOnlyList<string> Discard) Apply(
        VmDefinition current, Checkpoint checkpoint, IEnumerable<Checkpoint> all, Guid nowId)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var referenced = all.SelectMany(c => c.Disks).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var overlays = new List<(string, string)>();
        var drives = new List<DriveDefinition>();
        foreach (var drive in checkpoint.Settings.Drives)
        {
            var frozen = checkpoint.Disks.FirstOrDefault(d => d.IsSlotOf(drive));
            if (drive.Kind == DriveKind.HardDisk && frozen is not null)
            {
                var overlay = CheckpointNames.Overlay(frozen.Path, nowId);
                overlays.Add((frozen.Path, overlay));
                drives.Add(drive with { Path = overlay });
            }
            else
            {
                drives.Add(drive);
            }
        }

        var discard = current.Drives
            .Where(d => d.Kind == DriveKind.HardDisk && d.Path is { } p && CheckpointNames.IsOverlay(p) && !referenced.Contains(p))
            .Select(d => d.Path!)
            .ToList();

        var definition = checkpoint.Settings with
        {
            Id = current.Id,
            Name = current.Name,
            Folder = current.Folder,
            CreatedUtc = current.CreatedUtc,
            CheckpointFileLocation = current.CheckpointFileLocation,
            SchemaVersion = current.SchemaVersion,
            WasRunningAtHostStop = false,
            Drives = drives,
            ParentCheckpointId = checkpoint.Id,
        };
        return (definition, overlays, discard);
    }

    /// <summary>
    /// Delete one checkpoint. For each of its frozen files: no dependent → removed (if HvWeb made
    /// it); one dependent (a child checkpoint's frozen file, or the file "Now" writes to) → the
    /// dependent is merged into it and replaced by it everywhere; several → the file stays, since
    /// several branches read it. <paramref name="running"/>: QEMU has "Now"'s chain open, so a merge
    /// inside that chain runs live.
    /// </summary>
    public static DeletePlan Delete(CheckpointTree tree, Guid checkpointId, IReadOnlyList<NowDisk> now, bool running)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(now);
        var x = tree.Get(checkpointId);
        var children = tree.ChildrenOf(x.Id);
        var nowUnderX = tree.NowParentId == x.Id;
        var referenced = AllReferences(tree, now);
        var steps = new List<DeleteStep>();
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var disk in x.Disks)
        {
            var dependents = new List<(string File, Checkpoint? Owner)>();
            foreach (var child in children)
            {
                if (child.Disks.FirstOrDefault(d => SameSlot(d, disk)) is { } c)
                {
                    dependents.Add((c.Path, child));
                }
            }

            if (nowUnderX && now.FirstOrDefault(n => SameSlot(n.Drive, disk)) is { } nowDisk)
            {
                dependents.Add((nowDisk.Path, null));
            }

            switch (dependents.Count)
            {
                case 0:
                    if (CheckpointNames.IsOverlay(disk.Path) && referenced[disk.Path] == 1)
                    {
                        steps.Add(new RemoveStep(disk.Path));
                    }

                    break;
                case 1:
                    var (top, owner) = dependents[0];
                    var topIsActive = owner is null;
                    var live = running && (topIsActive || tree.NowIsUnder(owner!.Id));
                    steps.Add(new CommitStep(top, disk.Path, live, topIsActive));
                    if (owner is not null)
                    {
                        // Files built on the merged one (the owner's children, and "Now" when it runs
                        // from the owner) now read the base. Live, QEMU re-points the file it has open.
                        foreach (var grandchild in tree.ChildrenOf(owner.Id))
                        {
                            if (grandchild.Disks.FirstOrDefault(d => SameSlot(d, disk)) is { } g && !(live && tree.NowIsUnder(grandchild.Id)))
                            {
                                steps.Add(new RebaseStep(g.Path, disk.Path));
                            }
                        }

                        if (tree.NowParentId == owner.Id && !live && now.FirstOrDefault(n => SameSlot(n.Drive, disk)) is { } n)
                        {
                            steps.Add(new RebaseStep(n.Path, disk.Path));
                        }
                    }

                    redirects[top] = disk.Path;
                    if (CheckpointNames.IsOverlay(top))
                    {
                        steps.Add(new RemoveStep(top));
                    }

                    break;
                default:
                    steps.Add(new KeepStep(disk.Path, dependents.Count));
                    break;
            }
        }

        return new DeletePlan(x, steps, redirects);
    }

    private static Dictionary<string, int> AllReferences(CheckpointTree tree, IReadOnlyList<NowDisk> now)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var all = tree.Roots.SelectMany(Flatten).Select(n => n.Checkpoint).SelectMany(c => c.Disks).Select(d => d.Path)
            .Concat(now.Select(n => n.Path));
        foreach (var path in all)
        {
            counts[path] = counts.GetValueOrDefault(path) + 1;
        }

        return counts;

        static IEnumerable<CheckpointNode> Flatten(CheckpointNode node) => node.Children.SelectMany(Flatten).Prepend(node);
    }

    private static bool SameSlot(CheckpointDisk a, CheckpointDisk b) =>
        a.Controller == b.Controller && a.ControllerNumber == b.ControllerNumber && a.Location == b.Location;

    private static bool SameSlot(DriveDefinition drive, CheckpointDisk disk) => disk.IsSlotOf(drive);
}
