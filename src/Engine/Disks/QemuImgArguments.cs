using System.Globalization;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Disks;

/// <summary>
/// qemu-img argument lists (the binary not included). File names are always absolute, so a ':' in
/// a name is never read as a protocol prefix.
/// </summary>
internal static class QemuImgArguments
{
    public static IReadOnlyList<string> Create(string path, long sizeBytes, NewDiskType type) =>
    [
        "create", "-f", "qcow2",
        // Fixed: every block allocated now (Hyper-V's fixed size); dynamic: sparse, grows as written.
        "-o", type == NewDiskType.Fixed ? "preallocation=full" : "preallocation=off",
        Path.GetFullPath(path),
        sizeBytes.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>-U (force-share): a disk in use by a running VM can still be inspected.</summary>
    public static IReadOnlyList<string> Info(string path) =>
        ["info", "--output=json", "-U", .. FormatOption(FormatHint(path)), Path.GetFullPath(path)];

    public static IReadOnlyList<string> ConvertToQcow2(string source, string sourceFormat, string destination) =>
        ["convert", "-f", sourceFormat, "-O", "qcow2", Path.GetFullPath(source), Path.GetFullPath(destination)];

    /// <summary>
    /// The format to name rather than let qemu-img guess: a fixed VHD is otherwise detected as raw
    /// (FACTS.md), so .vhd is always "vpc". Null = let qemu-img detect it.
    /// </summary>
    public static string? FormatHint(string path) =>
        Path.GetExtension(path).Equals(".vhd", StringComparison.OrdinalIgnoreCase) ? "vpc" : null;

    private static string Size(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The creation options of a fixed or dynamic disk: qcow2 preallocation=full / off; VHDX and VHD
    /// subformat=fixed / dynamic; VHD force_size=on so the size is exactly what was asked (as Hyper-V).
    /// </summary>
    public static string CreateOptions(DiskFormat format, VirtualDiskType type)
    {
        var isFixed = type == VirtualDiskType.Fixed;
        return format switch
        {
            DiskFormat.Qcow2 => isFixed ? "preallocation=full" : "preallocation=off",
            DiskFormat.Vhdx => isFixed ? "subformat=fixed" : "subformat=dynamic",
            _ => isFixed ? "subformat=fixed,force_size=on" : "subformat=dynamic,force_size=on",
        };
    }

    /// <summary>A new empty fixed or dynamic disk of any of the three formats.</summary>
    public static IReadOnlyList<string> CreateDisk(string path, DiskFormat format, VirtualDiskType type, long sizeBytes) =>
        ["create", "-f", DiskFormats.QemuName(format), "-o", CreateOptions(format, type), Path.GetFullPath(path), Size(sizeBytes)];

    /// <summary>A differencing disk (qcow2: QEMU cannot write VHDX or VHD differencing disks) over a parent of any format.</summary>
    public static IReadOnlyList<string> CreateDifferencing(string path, string parentPath, string parentFormat) =>
        ["create", "-f", "qcow2", "-b", Path.GetFullPath(parentPath), "-F", parentFormat, Path.GetFullPath(path)];

    /// <summary>Copies a disk (with its whole chain) into a new standalone disk of the given format and type, with progress.</summary>
    public static IReadOnlyList<string> Convert(string source, string sourceFormat, string destination, DiskFormat format, VirtualDiskType type) =>
        ["convert", "-p", "-f", sourceFormat, "-O", DiskFormats.QemuName(format), "-o", CreateOptions(format, type),
            Path.GetFullPath(source), Path.GetFullPath(destination)];

    /// <summary>
    /// Compacts a differencing qcow2 into a new file that keeps its parent: only what differs from
    /// the parent is written.
    /// </summary>
    public static IReadOnlyList<string> ConvertKeepingParent(string source, string destination, string parentPath, string parentFormat) =>
        ["convert", "-p", "-f", "qcow2", "-O", "qcow2", "-B", Path.GetFullPath(parentPath), "-F", parentFormat,
            Path.GetFullPath(source), Path.GetFullPath(destination)];

    /// <summary>Copies a disk's contents into an existing (bigger) disk: how VHDX and VHD are expanded (qemu-img resize refuses them).</summary>
    public static IReadOnlyList<string> ConvertInto(string source, string sourceFormat, string destination, DiskFormat destinationFormat) =>
        ["convert", "-p", "-n", "-f", sourceFormat, "-O", DiskFormats.QemuName(destinationFormat), Path.GetFullPath(source), Path.GetFullPath(destination)];

    public static IReadOnlyList<string> Resize(string path, long sizeBytes, bool shrink) =>
        ["resize", .. (shrink ? (string[])["--shrink"] : []), "-f", "qcow2", Path.GetFullPath(path), Size(sizeBytes)];

    /// <summary>Writes a differencing disk's changes into its parent, with progress.</summary>
    public static IReadOnlyList<string> Commit(string path) => ["commit", "-p", "-f", "qcow2", Path.GetFullPath(path)];

    /// <summary>Points a differencing disk at its moved parent without copying anything (-u: the data is the same).</summary>
    public static IReadOnlyList<string> Rebase(string path, string parentPath, string parentFormat) =>
        ["rebase", "-u", "-f", "qcow2", "-b", Path.GetFullPath(parentPath), "-F", parentFormat, Path.GetFullPath(path)];

    /// <summary>The disk and every parent (-U: a disk in use can still be inspected).</summary>
    public static IReadOnlyList<string> InfoChain(string path) =>
        ["info", "--output=json", "--backing-chain", "-U", .. FormatOption(FormatHint(path)), Path.GetFullPath(path)];

    /// <summary>Which parts of a qcow2 hold data (the lowest size a shrink can keep).</summary>
    public static IReadOnlyList<string> Map(string path) => ["map", "--output=json", "-f", "qcow2", Path.GetFullPath(path)];

    public static IReadOnlyList<string> Check(string path, string format) => ["check", "-f", format, Path.GetFullPath(path)];

    private static string[] FormatOption(string? format) => format is null ? [] : ["-f", format];
}
