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

    private static string[] FormatOption(string? format) => format is null ? [] : ["-f", format];
}
