using System.Text.Json;

namespace HvWeb.Engine.Storage;

/// <summary>What qemu-img says about one disk file: its format, sizes and parent (backing file).</summary>
/// <param name="BackingFile">The parent's absolute path, or null when it has none.</param>
/// <param name="BackingIsRelative">The file's header names its parent relative to its own folder.</param>
public sealed record MoveDiskFacts(string Format, long VirtualBytes, long ActualBytes, string? BackingFile, string? BackingFormat, bool BackingIsRelative)
{
    /// <summary>Reads <c>qemu-img info --output=json</c> of <paramref name="file"/>.</summary>
    public static MoveDiskFacts Parse(string file, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var named = Text("backing-filename");
        string? backing = null;
        if (named is not null)
        {
            backing = Text("full-backing-filename") ?? named;
            if (!Path.IsPathRooted(backing))
            {
                backing = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, backing));
            }
        }

        return new MoveDiskFacts(Text("format") ?? "raw", Number("virtual-size"), Number("actual-size"), backing, Text("backing-filename-format") ?? (backing is null ? null : "qcow2"),
            named is not null && !Path.IsPathRooted(named));
    }
}

/// <summary>How one disk file travels: its new parent when its header must be rewritten (<c>qemu-img rebase -u</c>).</summary>
public sealed record MoveDiskStep(MoveFile File, string? RebaseOnto, string? RebaseFormat, MoveDiskFacts Facts)
{
    /// <summary>The new file may share the old one's data (a hard link) only when its header stays as it is.</summary>
    public bool CanLink => RebaseOnto is null;
}

/// <summary>
/// The chain plan of a move (pure): each moving disk file whose parent moves, or whose header names
/// its parent relative to a folder it leaves, is rebased (<c>-u</c>: the data is identical) onto the
/// parent's new (or absolute old) path. A file that stays while its parent moves is refused: its
/// header would have to change under the old chain.
/// </summary>
public static class MoveChains
{
    public static (IReadOnlyList<MoveDiskStep> Steps, IReadOnlyDictionary<string, string[]> Errors) Plan(MoveLayout layout, IReadOnlyDictionary<string, MoveDiskFacts> facts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(facts);
        var map = layout.Map;
        var steps = new List<MoveDiskStep>();
        var errors = new Dictionary<string, List<string>>();
        foreach (var file in layout.Files.Where(f => f.IsDisk))
        {
            if (!facts.TryGetValue(file.From, out var fact))
            {
                continue;
            }

            string? onto = null;
            if (fact.BackingFile is { } parent)
            {
                var moved = map.TryGetValue(parent, out var newParent);
                if (!file.Moves && moved)
                {
                    MoveLayout.Add(errors, file.Field, $"'{file.From}' would stay while its parent '{parent}' moves; move them to the same folder.");
                    continue;
                }

                if (file.Moves && (moved || fact.BackingIsRelative && Path.GetDirectoryName(file.From) != Path.GetDirectoryName(file.To)))
                {
                    onto = moved ? newParent : parent;
                }
            }

            steps.Add(new MoveDiskStep(file, onto, onto is null ? null : fact.BackingFormat, fact));
        }

        return (steps, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>The parent a running disk's new top layer is created on: the parent's new place, or where it stays.</summary>
    public static string? NewParent(MoveDiskStep step, IReadOnlyDictionary<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(map);
        return step.Facts.BackingFile is { } parent ? (map.TryGetValue(parent, out var moved) ? moved : parent) : null;
    }
}
