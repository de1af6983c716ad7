namespace HvWeb.Web.Components.Settings;

/// <summary>
/// One entry of the Settings tree: its page, a short summary like Hyper-V's ("Memory" — "1024 MB"),
/// its depth, the item it edits (controller number, drive or adapter index) and the request fields
/// it owns (so the tree can mark pages with errors).
/// </summary>
public sealed record SettingsNode(string Key, string Label, string Summary, int Depth, SettingsPageKind Page, int Index, IReadOnlyList<string> Fields)
{
    /// <summary>Group headings ("Hardware", "Management") are not pages.</summary>
    public bool IsHeading { get; init; }

    /// <summary>True when <paramref name="field"/> (e.g. "networkAdapters[0].vlanId") belongs to this page.</summary>
    public bool Owns(string field) => Fields.Any(owned => Matches(field, owned));

    public static bool Matches(string field, string owned) =>
        string.Equals(field, owned, StringComparison.OrdinalIgnoreCase)
        || (field.Length > owned.Length && field.StartsWith(owned, StringComparison.OrdinalIgnoreCase) && field[owned.Length] is '.' or '[');
}
