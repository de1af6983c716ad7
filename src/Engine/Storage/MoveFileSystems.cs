using System.Runtime.InteropServices;

namespace HvWeb.Engine.Storage;

/// <summary>
/// What a storage move asks of the host's file systems: which one a path is on (the longest mount
/// point of <c>/proc/self/mountinfo</c> that holds it), free space, write access, and hard links (a
/// file moved within one file system is linked under its new name, then the old name removed: no
/// copy, and no moment where neither name exists).
/// </summary>
internal static partial class MoveFileSystems
{
    private const int WriteOk = 2;

    /// <summary>The mount point that holds <paramref name="path"/> (which need not exist yet).</summary>
    public static string MountOf(string path) => MountOf(path, MountPoints());

    /// <summary>Pure: the longest of <paramref name="mounts"/> that is <paramref name="path"/> or one of its parents.</summary>
    public static string MountOf(string path, IEnumerable<string> mounts)
    {
        var full = Path.GetFullPath(path);
        return mounts
            .Where(m => m == "/" || full == m || full.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .FirstOrDefault() ?? "/";
    }

    /// <summary>The mount points of this process's mount namespace (field 5 of mountinfo, octal escapes undone).</summary>
    public static IReadOnlyList<string> MountPoints()
    {
        try
        {
            return [.. File.ReadLines("/proc/self/mountinfo").Select(ParseMountPoint).Where(m => m is not null).Select(m => m!)];
        }
        catch (IOException)
        {
            return ["/"];
        }
    }

    internal static string? ParseMountPoint(string mountInfoLine)
    {
        var fields = mountInfoLine.Split(' ');
        return fields.Length > 4 ? Unescape(fields[4]) : null;
    }

    private static string Unescape(string value)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && value.AsSpan(i + 1, 3).ToString() is var octal && octal.All(c => c is >= '0' and <= '7'))
            {
                result.Append((char)Convert.ToInt32(octal, 8));
                i += 3;
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>The nearest folder of <paramref name="path"/> that exists (itself or a parent).</summary>
    public static string? ExistingAncestor(string path)
    {
        for (var current = Path.GetFullPath(path); current is not null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current) || File.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Bytes free for this user on the file system that holds <paramref name="path"/>.</summary>
    public static long FreeBytes(string path) => new DriveInfo(ExistingAncestor(path) ?? "/").AvailableFreeSpace;

    /// <summary>The console may create files in <paramref name="folder"/> (access(2) with W_OK|X_OK).</summary>
    public static bool CanWrite(string folder) => Access(folder, WriteOk | 1) == 0;

    /// <summary>Links <paramref name="to"/> to <paramref name="from"/>'s data; false when they are on different file systems (or links are not allowed).</summary>
    public static bool TryLink(string from, string to) => Link(from, to) == 0;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
