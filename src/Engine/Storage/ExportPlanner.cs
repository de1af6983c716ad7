using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Pure: which files an export writes and what its configuration and checkpoint records say, in
/// the export folder format of docs/storage.md (paths relative to the export's VM folder with '/',
/// <c>folder</c> ".", backing names relative to the file's own folder).
/// </summary>
internal static class ExportPlanner
{
    public const string DisksPrefix = VmPaths.DisksFolderName + "/";
    public const string SnapshotsPrefix = VmPaths.SnapshotsFolderName + "/";

    /// <summary>The export's folder name: the VM's name, made safe as one path component.</summary>
    public static string FolderName(string vmName)
    {
        var name = vmName.Replace('/', '_').Replace('\0', '_').Trim();
        return name is "" or "." or ".." ? "_" : name;
    }

    /// <param name="layers">Every file of every chain involved, by absolute path.</param>
    /// <param name="savedStateFile">The VM's saved state when it is Saved and the file exists, else null.</param>
    /// <param name="firmwareVarsFile">The generation 2 variable store when it exists, else null.</param>
    /// <param name="fileBytes">The size of a plain file (state files).</param>
    public static ExportPlan Plan(VmDefinition vm, VmState state, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyDictionary<string, DiskLayer> layers,
        ExportRequest request, string? savedStateFile, string? firmwareVarsFile, Func<string, long> fileBytes)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(request);
        var runtime = $"{VmPaths.ConfigFolderName}/{vm.Id:D}/";
        var live = state is VmState.Running or VmState.Paused;
        var files = new List<ExportFileCopy>();
        if (firmwareVarsFile is not null)
        {
            files.Add(new ExportFileCopy(firmwareVarsFile, $"{runtime}{vm.Id:D}.vmgs", fileBytes(firmwareVarsFile)));
        }

        if (request.CheckpointId is { } checkpointId)
        {
            var checkpoint = checkpoints.FirstOrDefault(c => c.Id == checkpointId) ?? throw new CheckpointNotFoundException(vm.Id, checkpointId);
            var roots = checkpoint.Disks.Select(d => d.Path).ToList();
            var (steps, names) = DiskSteps(roots, layers, request.DisksAsVhdx, inUse: new HashSet<string>());
            var settings = checkpoint.Settings;
            var config = Relative(settings with
            {
                Id = vm.Id,
                Name = vm.Name,
                ParentCheckpointId = null,
                Drives = [.. settings.Drives.Select(d => checkpoint.Disks.FirstOrDefault(x => x.IsSlotOf(d)) is { } disk ? d with { Path = names[disk.Path] } : d)],
            }, names);
            if (!request.DisksAsVhdx && checkpoint.SavedStateFile is { } memory && File.Exists(memory))
            {
                files.Add(new ExportFileCopy(memory, $"{runtime}{vm.Id:D}.vmstate", fileBytes(memory)));
            }

            return new ExportPlan(FolderName(vm.Name), config, [], steps, files);
        }
        else
        {
            var now = vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!).ToList();
            var inUse = live ? now.ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
            var roots = request.DisksAsVhdx ? now : [.. now, .. checkpoints.SelectMany(c => c.Disks.Select(d => d.Path))];
            var (steps, names) = DiskSteps(roots, layers, request.DisksAsVhdx, inUse);
            var config = Relative(vm with
            {
                ParentCheckpointId = request.DisksAsVhdx ? null : vm.ParentCheckpointId,
                Drives = [.. vm.Drives.Select(d => d.Kind == DriveKind.HardDisk && d.Path is { } p && names.TryGetValue(p, out var n) ? d with { Path = n } : d)],
            }, names);
            var records = new List<Checkpoint>();
            if (!request.DisksAsVhdx)
            {
                if (state == VmState.Saved && savedStateFile is not null)
                {
                    files.Add(new ExportFileCopy(savedStateFile, $"{runtime}{vm.Id:D}.vmstate", fileBytes(savedStateFile)));
                }

                foreach (var checkpoint in checkpoints)
                {
                    string? memory = null;
                    if (checkpoint.SavedStateFile is { } m && File.Exists(m))
                    {
                        memory = $"{SnapshotsPrefix}{checkpoint.Id:D}.vmstate";
                        files.Add(new ExportFileCopy(m, memory, fileBytes(m)));
                    }

                    records.Add(checkpoint with
                    {
                        Settings = Relative(checkpoint.Settings with
                        {
                            Drives = [.. checkpoint.Settings.Drives.Select(d => checkpoint.Disks.FirstOrDefault(x => x.IsSlotOf(d)) is { } disk ? d with { Path = names[disk.Path] } : d)],
                        }, names),
                        Disks = [.. checkpoint.Disks.Select(d => d with { Path = names[d.Path] })],
                        SavedStateFile = memory,
                    });
                }
            }

            return new ExportPlan(FolderName(vm.Name), config, records, steps, files);
        }
    }

    /// <summary>The settings as the export writes them: folder ".", default checkpoint and smart paging locations, disk paths relative.</summary>
    private static VmDefinition Relative(VmDefinition settings, IReadOnlyDictionary<string, string> names) => settings with
    {
        Folder = ".",
        CheckpointFileLocation = null,
        SmartPagingFileLocation = null,
        WasRunningAtHostStop = false,
        Drives = [.. settings.Drives.Select(d => d.Kind == DriveKind.HardDisk && d.Path is { } p && names.TryGetValue(p, out var n) ? d with { Path = n } : d)],
    };

    /// <summary>
    /// The disk steps, parents before children (a copy's backing exists when it is written), each
    /// file once, file names kept (a clash between two folders gets "_2"); and the map from each
    /// source file to its relative path in the export.
    /// </summary>
    private static (List<ExportDiskStep> Steps, Dictionary<string, string> Names) DiskSteps(
        IReadOnlyList<string> roots, IReadOnlyDictionary<string, DiskLayer> layers, bool vhdx, IReadOnlySet<string> inUse)
    {
        var steps = new List<ExportDiskStep>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string Unique(string fileName)
        {
            var stem = Path.GetFileNameWithoutExtension(fileName);
            var extension = Path.GetExtension(fileName);
            var candidate = fileName;
            for (var i = 2; !taken.Add(candidate); i++)
            {
                candidate = $"{stem}_{i}{extension}";
            }

            return candidate;
        }

        DiskLayer Layer(string path) => layers.TryGetValue(path, out var layer) ? layer
            : throw new Errors.VmOperationException($"The disk '{path}' could not be read; it cannot be exported.");

        if (vhdx)
        {
            foreach (var root in roots.Distinct(StringComparer.Ordinal))
            {
                var layer = Layer(root);
                var bytes = 0L;
                for (DiskLayer? l = layer; l is not null; l = l.Backing is { } b ? Layer(b) : null)
                {
                    bytes += l.AllocatedBytes;
                }

                var name = Unique(Path.GetFileNameWithoutExtension(root) + ".vhdx");
                names[root] = DisksPrefix + name;
                steps.Add(new ExportDiskStep(ExportCopyKind.Flatten, layer, DisksPrefix + name, "vhdx", null, null, inUse.Contains(root), bytes));
            }

            return (steps, names);
        }

        void Visit(string path)
        {
            if (names.ContainsKey(path))
            {
                return;
            }

            var layer = Layer(path);
            if (layer.Backing is { } backing)
            {
                Visit(backing);
            }

            var name = Unique(Path.GetFileName(path));
            names[path] = DisksPrefix + name;
            var parent = layer.Backing is { } b ? Path.GetFileName(names[b]) : null;
            var parentFormat = layer.Backing is { } pb ? Layer(pb).Format : null;
            var kind = inUse.Contains(path) ? ExportCopyKind.Backup : ExportCopyKind.Copy;
            steps.Add(new ExportDiskStep(kind, layer, DisksPrefix + name, layer.Format, parent, parentFormat, kind == ExportCopyKind.Backup, layer.AllocatedBytes));
        }

        foreach (var root in roots)
        {
            Visit(root);
        }

        return (steps, names);
    }
}
