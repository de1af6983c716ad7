using System.Diagnostics.CodeAnalysis;

namespace HvWeb.Engine.Model;

/// <summary>A Hyper-V configuration version ("5.0" … "8.0"), like <c>New-VM -Version</c>.</summary>
public readonly record struct ConfigurationVersion(int Major, int Minor) : IComparable<ConfigurationVersion>
{
    /// <summary>The versions a Hyper-V 2016 host can run, oldest first.</summary>
    public static IReadOnlyList<ConfigurationVersion> Supported { get; } =
        [new(5, 0), new(6, 2), new(7, 0), new(7, 1), new(8, 0)];

    public static ConfigurationVersion Default { get; } = new(8, 0);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ConfigurationVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
        {
            return false;
        }

        var candidate = new ConfigurationVersion(major, minor);
        if (!Supported.Contains(candidate))
        {
            return false;
        }

        version = candidate;
        return true;
    }

    public int CompareTo(ConfigurationVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ConfigurationVersion left, ConfigurationVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(ConfigurationVersion left, ConfigurationVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(ConfigurationVersion left, ConfigurationVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ConfigurationVersion left, ConfigurationVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
