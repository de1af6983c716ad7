using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The free-space rule of a move, checked before anything is written: per destination file system,
/// the bytes of every file that is copied there (a file that stays on its file system is linked and
/// needs no space, except what a running VM mirrors: the top layer of each disk and the UEFI
/// variables are written anew) must fit in what is free.
/// </summary>
public static class MoveSpace
{
    /// <summary>Bytes needed per destination mount point.</summary>
    public static IReadOnlyDictionary<string, long> Needed(MoveLayout layout, IReadOnlyList<MoveDiskStep> steps, IReadOnlyDictionary<string, long> sizes, bool live, Func<string, string> mountOf)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(mountOf);
        var needed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in layout.Moving)
        {
            var target = mountOf(Path.GetDirectoryName(file.To)!);
            var linkable = file.Kind switch
            {
                MoveFileKind.ActiveDisk => !live && steps.Any(s => s.File == file && s.CanLink),
                MoveFileKind.FrozenDisk => steps.Any(s => s.File == file && s.CanLink),
                MoveFileKind.FirmwareVars => !live,
                MoveFileKind.RuntimeFile or MoveFileKind.CheckpointState => true,
                MoveFileKind.CheckpointRecord => false,
                _ => false,
            };
            if (linkable && mountOf(Path.GetDirectoryName(file.From)!) == target)
            {
                continue;
            }

            needed[target] = needed.GetValueOrDefault(target) + sizes.GetValueOrDefault(file.From);
        }

        return needed;
    }

    /// <summary>Throws <see cref="VmStateException"/> naming the file system, what is needed and what is free.</summary>
    public static void Check(VmDefinition vm, MoveLayout layout, IReadOnlyList<MoveDiskStep> steps, IReadOnlyDictionary<string, long> sizes, bool live, Func<string, string> mountOf, Func<string, long> freeBytes)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(freeBytes);
        foreach (var (mount, bytes) in Needed(layout, steps, sizes, live, mountOf))
        {
            var free = freeBytes(mount);
            if (bytes > free)
            {
                throw new VmStateException($"Not enough free space to move the storage of VM '{vm.Name}': the file system at '{mount}' needs {Bytes(bytes)} and has {Bytes(free)} free.");
            }
        }
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
