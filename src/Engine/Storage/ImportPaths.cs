using HvWeb.Engine.Host;

namespace HvWeb.Engine.Storage;

/// <summary>What a recorded file is, which decides where import looks for it when it has moved.</summary>
public enum ImportFileKind
{
    /// <summary>A hard disk of the VM or of a checkpoint (looked for in "Virtual Hard Disks").</summary>
    HardDisk,

    /// <summary>A parent (backing file) of a qcow2 disk, found in the disk itself (looked for in "Virtual Hard Disks").</summary>
    BackingFile,

    /// <summary>A checkpoint's memory and device state (looked for in "Snapshots").</summary>
    CheckpointState,

    /// <summary>An .iso in a DVD drive or a .vfd in the diskette drive: never copied; "" in DiskLocations ejects it.</summary>
    Media,
}

/// <summary>
/// The export folder format's path rules (docs/storage.md), without I/O: a relative path is resolved
/// against the located VM folder (the folder that holds "Virtual Machines"); an absolute path is
/// used as it is, and when that file is missing the same file name is looked for in the located
/// folder's "Virtual Hard Disks" (disks) or "Snapshots" (checkpoint files).
/// </summary>
public static class ImportPaths
{
    /// <summary>True for a path import can use as it is (starts with '/').</summary>
    public static bool IsAbsolute(string path) => Path.IsPathFullyQualified(path);

    /// <summary>The recorded path made absolute: relative ones ('/' or the platform's separator) against the VM folder.</summary>
    public static string Resolve(string recorded, string vmFolder)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (IsAbsolute(recorded))
        {
            return Path.GetFullPath(recorded);
        }

        var relative = recorded.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(vmFolder, relative));
    }

    /// <summary>Where a recorded file is found, with whether the request's DiskLocations said so.</summary>
    public static ImportFileRef Find(string recorded, ImportFileKind kind, string owner, string vmFolder, IReadOnlyDictionary<string, string>? locations, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        if (locations is not null && locations.TryGetValue(recorded, out var located))
        {
            if (located.Length == 0 && kind == ImportFileKind.Media)
            {
                return new ImportFileRef(recorded, kind, owner, null, ByRequest: true, Ejected: true);
            }

            if (IsAbsolute(located))
            {
                var found = exists(located) ? Path.GetFullPath(located) : null;
                return new ImportFileRef(recorded, kind, owner, found, ByRequest: found is not null);
            }
        }

        return new ImportFileRef(recorded, kind, owner, Find(recorded, kind, vmFolder, exists));
    }

    /// <summary>Where a recorded file is found by the format's rules, or null (a MissingDisk fix-up).</summary>
    public static string? Find(string recorded, ImportFileKind kind, string vmFolder, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        var resolved = Resolve(recorded, vmFolder);
        if (exists(resolved))
        {
            return resolved;
        }

        if (!IsAbsolute(recorded) || FallbackFolder(kind) is not { } folderName)
        {
            return null;
        }

        var byName = Path.Combine(vmFolder, folderName, Path.GetFileName(resolved));
        return exists(byName) ? byName : null;
    }

    private static string? FallbackFolder(ImportFileKind kind) => kind switch
    {
        ImportFileKind.HardDisk or ImportFileKind.BackingFile => VmPaths.DisksFolderName,
        ImportFileKind.CheckpointState => VmPaths.SnapshotsFolderName,
        ImportFileKind.Media => null,
    };

    /// <summary>
    /// The VM folder of a located configuration file: the parent of its "Virtual Machines" folder
    /// (or the configuration's own folder when it is not in one).
    /// </summary>
    public static string VmFolderOf(string configFile)
    {
        var configFolder = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        return string.Equals(Path.GetFileName(configFolder), VmPaths.ConfigFolderName, StringComparison.Ordinal)
            ? Path.GetDirectoryName(configFolder)!
            : configFolder;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it.</summary>
    public static bool IsUnder(string path, string folder)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
