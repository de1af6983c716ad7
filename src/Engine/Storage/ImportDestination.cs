using HvWeb.Engine.Host;

namespace HvWeb.Engine.Storage;

/// <summary>One file a Restore or Copy writes, and the request field that chose its folder.</summary>
/// <param name="ConvertFrom">The qemu-img format of a disk that is converted into qcow2 on the way (a VHDX or VHD: a VM here runs from qcow2); null = copied as it is.</param>
public sealed record ImportCopy(string From, string To, long Bytes, string Field, string? ConvertFrom = null);

/// <summary>
/// The destination's checks of Restore and Copy (Blocked fix-ups), before anything is written:
/// every folder writable or creatable, no file there already (the folder may hold this VM), two
/// files never copied to one name, and enough free space on each file system (checked first).
/// </summary>
public static class ImportDestination
{
    private const long Mb = 1024 * 1024;

    public static IEnumerable<ImportFixUp> Check(ImportSource source, ImportRequest request, ImportLayout layout, Guid id, IReadOnlyList<ImportCopy> copies)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(copies);
        var fixUps = new List<ImportFixUp>();
        if (request.Type == ImportType.RegisterInPlace)
        {
            CheckInPlace(source, fixUps);
            return fixUps;
        }

        var folders = new List<(string Field, string Folder, string Label)>
        {
            ("virtualMachineFolder", layout.VmFolder, "Virtual machine folder"),
            ("checkpointFolder", layout.CheckpointFolder, "Checkpoint folder"),
            ("disksFolder", layout.DisksFolder, "Virtual hard disks folder"),
        };
        if (layout.SmartPagingFileLocation is { } smartPaging)
        {
            folders.Add(("smartPagingFolder", smartPaging, "Smart paging folder"));
        }

        foreach (var (field, folder, label) in folders)
        {
            if (HostSettingsStore.FolderProblem(folder, label) is { } problem)
            {
                fixUps.Add(Blocked(field, problem));
            }
        }

        if (fixUps.Count > 0)
        {
            return fixUps;
        }

        if (File.Exists(layout.ConfigFile(id)))
        {
            fixUps.Add(Blocked("virtualMachineFolder", $"The folder '{layout.VmFolder}' already holds VM '{source.Vm.Name}' ({id:D}); choose another folder, or Register in place."));
        }

        foreach (var checkpoint in source.Checkpoints.Where(c => File.Exists(Path.Combine(layout.CheckpointFolder, $"{c.Id:D}.json"))))
        {
            fixUps.Add(Blocked("checkpointFolder", $"The folder '{layout.CheckpointFolder}' already holds checkpoint '{checkpoint.Name}' ({checkpoint.Id:D}) (an earlier import of this VM?); choose another checkpoint folder."));
        }

        foreach (var group in copies.GroupBy(c => c.To).Where(g => g.Count() > 1))
        {
            fixUps.Add(Blocked(group.First().Field, $"{string.Join(" and ", group.Select(c => $"'{c.From}'"))} would both be copied to '{group.Key}'; rename one of them first."));
        }

        foreach (var copy in copies.Where(c => File.Exists(c.To) || File.Exists(c.To + ".partial")).DistinctBy(c => c.To))
        {
            fixUps.Add(Blocked(copy.Field, $"'{copy.To}' already exists (nothing is overwritten); choose another folder."));
        }

        fixUps.AddRange(CheckSpace(copies));
        return fixUps;
    }

    private static void CheckInPlace(ImportSource source, List<ImportFixUp> fixUps)
    {
        var expected = Path.Combine(source.VmFolder, VmPaths.ConfigFolderName, $"{source.Vm.Id:D}.json");
        if (!string.Equals(expected, source.ConfigFile, StringComparison.Ordinal))
        {
            fixUps.Add(Blocked("configFile", $"To register in place, the configuration must be '{expected}' (a VM folder's \"Virtual Machines/<ID>.json\"); choose Restore or Copy."));
        }

        if (HostSettingsStore.FolderProblem(Path.GetDirectoryName(source.ConfigFile)!, "Configuration folder") is { } problem)
        {
            fixUps.Add(Blocked("configFile", problem + " Registering in place rewrites the configuration with absolute paths; choose Restore or Copy."));
        }

        if (source.Checkpoints.Count > 0 && HostSettingsStore.FolderProblem(source.CheckpointFolder, "Checkpoint folder") is { } checkpoints)
        {
            fixUps.Add(Blocked("checkpointFolder", checkpoints));
        }
    }

    /// <summary>
    /// Free space per file system. Folders are grouped by the file system's total and free size as
    /// .NET reports them for the nearest existing folder (two folders with the same figures are
    /// taken to share a file system), so bytes going to one file system are added up.
    /// </summary>
    private static IEnumerable<ImportFixUp> CheckSpace(IReadOnlyList<ImportCopy> copies)
    {
        var groups = copies
            .Select(c => (Copy: c, Drive: new DriveInfo(ExistingAncestor(Path.GetDirectoryName(c.To)!))))
            .GroupBy(x => (x.Drive.TotalSize, x.Drive.AvailableFreeSpace));
        foreach (var group in groups)
        {
            var needed = group.Sum(x => x.Copy.Bytes);
            var free = group.Key.AvailableFreeSpace;
            if (needed > free)
            {
                var first = group.First().Copy;
                yield return Blocked(first.Field,
                    $"Not enough free space for the copy in '{Path.GetDirectoryName(first.To)}': the import needs {Ceiling(needed)} MB there and {free / Mb} MB are free.");
            }
        }
    }

    private static long Ceiling(long bytes) => (bytes + Mb - 1) / Mb;

    internal static string ExistingAncestor(string folder)
    {
        var current = Path.GetFullPath(folder);
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        return current;
    }

    private static ImportFixUp Blocked(string field, string message) => new(ImportFixUpKind.Blocked, field, message, [], false);
}
