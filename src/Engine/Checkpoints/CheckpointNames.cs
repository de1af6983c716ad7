using System.Globalization;
using System.Text.RegularExpressions;

namespace HvWeb.Engine.Checkpoints;

/// <summary>Names of checkpoints and of their differencing disks, as Hyper-V makes them.</summary>
public static partial class CheckpointNames
{
    public const int MaxNameLength = 100;

    /// <summary>Hyper-V's default: "web01 - (11/26/2026 - 1:05:09 AM)", in the host's local time.</summary>
    public static string Default(string vmName, DateTimeOffset localTime) =>
        $"{vmName} - ({localTime.ToString("M/d/yyyy - h:mm:ss tt", CultureInfo.InvariantCulture)})";

    /// <summary>
    /// The differencing disk created on top of <paramref name="diskPath"/> for checkpoint (or new
    /// "Now" state) <paramref name="id"/>: <c>&lt;disk&gt;_&lt;ID&gt;.qcow2</c> in the disk's folder, where
    /// &lt;disk&gt; is the base disk's name (an earlier <c>_&lt;ID&gt;</c> is not repeated).
    /// </summary>
    public static string Overlay(string diskPath, Guid id)
    {
        ArgumentNullException.ThrowIfNull(diskPath);
        var folder = Path.GetDirectoryName(diskPath) ?? ".";
        return Path.Combine(folder, $"{BaseName(diskPath)}_{id:D}.qcow2");
    }

    /// <summary>The base disk's name: "disk" for "disk.qcow2" and for "disk_&lt;ID&gt;.qcow2".</summary>
    public static string BaseName(string diskPath)
    {
        var name = Path.GetFileNameWithoutExtension(diskPath);
        var match = OverlaySuffix().Match(name);
        return match.Success ? name[..match.Index] : name;
    }

    /// <summary>True for a differencing disk HvWeb made for a checkpoint (the only disks a delete may remove).</summary>
    public static bool IsOverlay(string diskPath) =>
        diskPath.EndsWith(".qcow2", StringComparison.Ordinal) && OverlaySuffix().IsMatch(Path.GetFileNameWithoutExtension(diskPath));

    /// <summary>Null when the name is fine, else why not (naming the field).</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The checkpoint name cannot be empty."
        : name.Length > MaxNameLength ? $"The checkpoint name can have at most {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "The checkpoint name cannot contain control characters."
        : null;

    [GeneratedRegex("_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex OverlaySuffix();
}
