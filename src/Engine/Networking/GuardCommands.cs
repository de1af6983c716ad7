using System.Globalization;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Networking;

/// <summary>
/// An adapter's guards as argument lists: nftables bridge-family rules in a table of the adapter's
/// own (<c>hvg-&lt;tap&gt;</c>, removed as a whole), with the same rules on the forward hook (frames to
/// other ports) and the input hook (frames to the host): MAC address spoofing off drops frames
/// whose source is not the adapter's address; DHCP guard drops DHCP server replies (UDP source port
/// 67); router guard drops router advertisements and redirects (ICMPv6 134 and 137, ICMP redirect).
/// Bandwidth maximum: traffic from the VM is policed by an nftables <c>limit rate over … drop</c>
/// rule in the same table (tc's ingress policer needs act_police, which kernels without tc
/// classifiers lack); traffic to the VM goes through a tc token bucket (tbf) on the tap.
/// </summary>
public static class GuardCommands
{
    public const string TablePrefix = "hvg-";

    public static string Table(string link) => TablePrefix + link;

    /// <summary>The nft commands for the adapter's guards (empty when it has none).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Nft(string link, NetworkAdapterDefinition adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var rules = new List<string[]>();
        if (!adapter.MacAddressSpoofing && adapter.MacAddress is { } mac)
        {
            rules.Add(["ether", "saddr", "!=", mac.Replace('-', ':').ToLowerInvariant(), "drop"]);
        }

        if (adapter.DhcpGuard)
        {
            rules.Add(["udp", "sport", "67", "drop"]);
        }

        if (adapter.RouterGuard)
        {
            rules.Add(["icmpv6", "type", "{", "nd-router-advert", ",", "nd-redirect", "}", "drop"]);
            rules.Add(["icmp", "type", "redirect", "drop"]);
        }

        if (adapter.BandwidthMaximumMbps > 0)
        {
            var kbytes = (adapter.BandwidthMaximumMbps * 125L).ToString(CultureInfo.InvariantCulture);
            rules.Add(["limit", "rate", "over", kbytes, "kbytes/second", "burst", Burst(adapter.BandwidthMaximumMbps), "bytes", "drop"]);
        }

        if (rules.Count == 0)
        {
            return [];
        }

        var table = Table(link);
        var commands = new List<IReadOnlyList<string>> { new[] { "add", "table", "bridge", table } };
        foreach (var hook in new[] { "forward", "input" })
        {
            commands.Add(["add", "chain", "bridge", table, hook, "{", "type", "filter", "hook", hook, "priority", "-200", ";", "policy", "accept", ";", "}"]);
            commands.AddRange(rules.Select(r => (IReadOnlyList<string>)["add", "rule", "bridge", table, hook, "iifname", link, .. r]));
        }

        return commands;
    }

    public static IReadOnlyList<string> DeleteTable(string table) => ["delete", "table", "bridge", table];

    public static IReadOnlyList<string> ListTables() => ["-j", "list", "tables", "bridge"];

    /// <summary>The tc command for a bandwidth maximum towards the VM (empty for 0 = unlimited).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Bandwidth(string link, int maximumMbps) =>
        maximumMbps <= 0
            ? []
            : [["qdisc", "replace", "dev", link, "root", "tbf", "rate", maximumMbps.ToString(CultureInfo.InvariantCulture) + "mbit", "burst", Burst(maximumMbps), "latency", "50ms"]];

    /// <summary>About 10 ms of traffic at the rate, at least 15 kB (ten full frames), so a single frame is never refused.</summary>
    private static string Burst(int maximumMbps) => Math.Max(15_000L, maximumMbps * 1_250L).ToString(CultureInfo.InvariantCulture);
}
