using System.Text.RegularExpressions;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Host;

/// <summary>
/// The versioned machine types behind QEMU's "pc" and "q35" aliases on this host (from
/// <c>-machine help</c>), so a new VM can be pinned to one.
/// </summary>
public static partial class MachineTypes
{
    /// <summary>"pc" → "pc-i440fx-7.2", "q35" → "pc-q35-7.2"; an alias missing from the output is absent.</summary>
    public static IReadOnlyDictionary<string, string> ParseAliases(string machineHelp)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in AliasLine().Matches(machineHelp))
        {
            aliases[match.Groups[1].Value] = match.Groups[2].Value;
        }

        return aliases;
    }

    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(string qemuBinary, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(qemuBinary, ["-machine", "help"], TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? ParseAliases(result.StandardOutput) : new Dictionary<string, string>();
    }

    public static string AliasOf(VmGeneration generation) => generation == VmGeneration.One ? "pc" : "q35";

    [GeneratedRegex(@"^(pc|q35)\s+.*\(alias of ([a-z0-9._-]+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex AliasLine();
}
