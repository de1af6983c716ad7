using System.Globalization;
using System.Text.RegularExpressions;

namespace HvWeb.Engine.Disks;

/// <summary>
/// qemu-img's own progress (<c>-p</c>): it writes "    (12.50/100%)\r" to its standard output,
/// one report per change. <see cref="Parse"/> takes any chunk of that output and returns the last
/// percentage in it.
/// </summary>
public static partial class QemuImgProgress
{
    [GeneratedRegex(@"\((\d{1,3}(?:\.\d+)?)/100%\)", RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    /// <summary>The last whole percentage (0–100) in <paramref name="output"/>, or null when it has none.</summary>
    public static int? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var matches = Percent().Matches(output);
        if (matches.Count == 0)
        {
            return null;
        }

        var value = double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        return (int)Math.Clamp(Math.Floor(value), 0, 100);
    }
}
