using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Where every file of a VM goes for a storage move (pure: no I/O). The items are Hyper-V's: each
/// hard disk with the frozen files of its checkpoints (the chain <c>&lt;disk&gt;_&lt;cid&gt;.qcow2</c>
/// moves with the disk), the configuration (the VM folder: <c>Virtual Machines/&lt;ID&gt;.json</c> and
/// the runtime folder), the checkpoints (records and memory states) and smart paging (a setting).
/// </summary>
public sealed record MoveLayout
{
    public required VmDefinition Before { get; init; }

    /// <summary>The definition after the move (new folder, disk paths, locations).</summary>
    public required VmDefinition After { get; init; }

    public required IReadOnlyList<MoveFile> Files { get; init; }

    /// <summary>The checkpoint records as they will be written (paths of the moved files).</summary>
    public required IReadOnlyList<Checkpoint> Checkpoints { get; init; }

    /// <summary>Refusals of the request itself (field → sentences); empty when it can be planned.</summary>
    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }

    /// <summary>The request field that decides the configuration's place ("folder" or "configurationFolder").</summary>
    public string ConfigurationField { get; init; } = "configurationFolder";

    public IEnumerable<MoveFile> Moving => Files.Where(f => f.Moves);

    /// <summary>Old path → new path of every file that moves.</summary>
    public IReadOnlyDictionary<string, string> Map => Files.Where(f => f.Moves).ToDictionary(f => f.From, f => f.To);

    /// <summary>Something changes (a file moves or a location setting changes).</summary>
    public bool HasWork => Files.Any(f => f.Moves) || After.Folder != Before.Folder
        || After.SmartPagingFileLocation != Before.SmartPagingFileLocation
        || After.CheckpointFileLocation != Before.CheckpointFileLocation;

    /// <param name="runtimeFiles">The files in the VM's runtime folder now (absolute paths).</param>
    public static MoveLayout Build(VmDefinition vm, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyList<string> runtimeFiles, MoveStorageRequest request)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(runtimeFiles);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>();
        var targets = MoveTargets.Read(vm, request, errors);
        var after = targets.Apply(vm);

        var files = new List<MoveFile>();
        var configField = request.Mode == MoveStorageMode.AllToOneFolder ? "folder" : "configurationFolder";
        var oldRuntime = VmPaths.RuntimeFolder(vm);
        foreach (var file in runtimeFiles)
        {
            var relative = Path.GetRelativePath(oldRuntime, file);
            var kind = file == VmPaths.FirmwareVarsFile(vm) ? MoveFileKind.FirmwareVars : MoveFileKind.RuntimeFile;
            files.Add(new MoveFile(kind, file, Path.Combine(VmPaths.RuntimeFolder(after), relative), configField));
        }

        var checkpointField = request.Mode == MoveStorageMode.AllToOneFolder ? "folder" : "checkpointFolder";
        foreach (var checkpoint in checkpoints)
        {
            files.Add(new MoveFile(MoveFileKind.CheckpointRecord, CheckpointStore.File(vm, checkpoint.Id), CheckpointStore.File(after, checkpoint.Id), checkpointField));
            if (checkpoint.SavedStateFile is { } state)
            {
                var to = Path.GetDirectoryName(state) == CheckpointStore.Folder(vm) ? Path.Combine(CheckpointStore.Folder(after), Path.GetFileName(state)) : state;
                files.Add(new MoveFile(MoveFileKind.CheckpointState, state, to, checkpointField));
            }
        }

        foreach (var drive in vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null))
        {
            var folder = targets.DiskFolder(drive.Path!);
            var field = request.Mode == MoveStorageMode.AllToOneFolder ? "folder" : DiskField(drive.Path!);
            files.Add(new MoveFile(MoveFileKind.ActiveDisk, drive.Path!, Target(drive.Path!, folder), field, drive));
            foreach (var frozen in checkpoints.SelectMany(c => c.Disks).Where(d => d.IsSlotOf(drive)).Select(d => d.Path).Distinct())
            {
                if (frozen != drive.Path && files.All(f => f.From != frozen))
                {
                    files.Add(new MoveFile(MoveFileKind.FrozenDisk, frozen, Target(frozen, folder), field, drive));
                }
            }
        }

        foreach (var clash in files.Where(f => f.Moves).GroupBy(f => f.To).Where(g => g.Count() > 1))
        {
            Add(errors, clash.First().Field, $"Two files would both become '{clash.Key}' ({string.Join(", ", clash.Select(f => f.From))}); choose different folders for them.");
        }

        var map = files.Where(f => f.Moves).ToDictionary(f => f.From, f => f.To);
        var layout = new MoveLayout
        {
            Before = vm,
            After = after with { Drives = [.. after.Drives.Select(d => d.Kind == DriveKind.HardDisk && d.Path is { } p && map.TryGetValue(p, out var n) ? d with { Path = n } : d)] },
            Files = files,
            Checkpoints = [.. checkpoints.Select(c => Rewrite(c, map, after))],
            Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            ConfigurationField = configField,
        };

        if (errors.Count == 0 && !layout.HasWork)
        {
            var field = request.Mode switch
            {
                MoveStorageMode.AllToOneFolder => "folder",
                MoveStorageMode.DisksOnly => "diskFolders",
                _ => "request",
            };
            return layout with { Errors = new Dictionary<string, string[]> { [field] = [$"Nothing to move: every item of VM '{vm.Name}' is already where the request puts it."] } };
        }

        return layout;
    }

    /// <summary>The request field of one disk's folder ("diskFolders[/path/disk.qcow2]").</summary>
    public static string DiskField(string diskPath) => $"diskFolders[{diskPath}]";

    private static string Target(string file, string? folder) => folder is null ? file : Path.Combine(folder, Path.GetFileName(file));

    private static Checkpoint Rewrite(Checkpoint checkpoint, IReadOnlyDictionary<string, string> map, VmDefinition after)
    {
        string MapPath(string path) => map.TryGetValue(path, out var moved) ? moved : path;
        return checkpoint with
        {
            Disks = [.. checkpoint.Disks.Select(d => d with { Path = MapPath(d.Path) })],
            SavedStateFile = checkpoint.SavedStateFile is { } s ? MapPath(s) : null,
            Settings = checkpoint.Settings with
            {
                Folder = after.Folder,
                CheckpointFileLocation = after.CheckpointFileLocation,
                SmartPagingFileLocation = after.SmartPagingFileLocation,
                Drives = [.. checkpoint.Settings.Drives.Select(d => d.Kind == DriveKind.HardDisk && d.Path is { } p ? d with { Path = MapPath(p) } : d)],
            },
        };
    }

    internal static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }
}
