namespace HvWeb.Persistence.Preferences;

/// <summary>One remembered choice of one user (the VM list's columns, a "don't ask again", the keyboard setting).</summary>
public sealed class UserPreferenceRecord
{
    public required string User { get; set; }
    public required string Key { get; set; }
    /// <summary>The value as the owner wrote it (usually JSON).</summary>
    public required string Value { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}
