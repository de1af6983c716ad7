namespace HvWeb.Engine.Networking;

/// <summary>
/// Argument lists for <c>ip</c> (iproute2) — never shell strings. Pure, so tests can read exactly
/// what runs.
/// </summary>
public static class LinkCommands
{
    public static IReadOnlyList<string> AddBridge(string bridge) => ["link", "add", "name", bridge, "type", "bridge"];

    public static IReadOnlyList<string> Up(string link) => ["link", "set", "dev", link, "up"];

    public static IReadOnlyList<string> Down(string link) => ["link", "set", "dev", link, "down"];

    public static IReadOnlyList<string> Delete(string link) => ["link", "delete", "dev", link];

    public static IReadOnlyList<string> SetMaster(string link, string bridge) => ["link", "set", "dev", link, "master", bridge];

    public static IReadOnlyList<string> NoMaster(string link) => ["link", "set", "dev", link, "nomaster"];

    public static IReadOnlyList<string> AddTap(string tap) => ["tuntap", "add", "dev", tap, "mode", "tap"];

    public static IReadOnlyList<string> AddAddress(string link, string cidr) => ["address", "add", cidr, "dev", link];

    public static IReadOnlyList<string> DeleteAddress(string link, string cidr) => ["address", "del", cidr, "dev", link];

    public static IReadOnlyList<string> FlushAddresses(string link) => ["address", "flush", "dev", link];

    /// <summary>A VLAN sub-interface for the host's traffic on an external switch: <c>&lt;bridge&gt;.&lt;id&gt;</c>.</summary>
    public static IReadOnlyList<string> AddVlan(string bridge, int vlanId) =>
        ["link", "add", "link", bridge, "name", $"{bridge}.{vlanId}", "type", "vlan", "id", vlanId.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>JSON of one link (<c>ip -j link show dev X</c>).</summary>
    public static IReadOnlyList<string> Show(string link) => ["-j", "link", "show", "dev", link];

    /// <summary>JSON of every link (physical adapters are chosen from it).</summary>
    public static IReadOnlyList<string> ShowAll() => ["-j", "link", "show"];

    /// <summary>JSON of a link's IPv4 addresses.</summary>
    public static IReadOnlyList<string> ShowAddresses(string link) => ["-j", "-4", "address", "show", "dev", link];

    /// <summary>JSON of the routes through a link (IPv4).</summary>
    public static IReadOnlyList<string> ShowRoutes(string link) => ["-j", "-4", "route", "show", "dev", link];

    /// <summary>Bridge VLAN filtering on (ports keep VLAN 1 untagged until told otherwise).</summary>
    public static IReadOnlyList<string> VlanFiltering(string bridge) => ["link", "set", "dev", bridge, "type", "bridge", "vlan_filtering", "1"];

    /// <summary><c>bridge</c> (iproute2): the port leaves the default VLAN 1.</summary>
    public static IReadOnlyList<string> LeaveDefaultVlan(string port) => ["vlan", "del", "dev", port, "vid", "1"];

    /// <summary><c>bridge</c> (iproute2): the port is an access port of the VLAN (untagged, PVID).</summary>
    public static IReadOnlyList<string> AccessVlan(string port, int vlanId) =>
        ["vlan", "add", "dev", port, "vid", vlanId.ToString(System.Globalization.CultureInfo.InvariantCulture), "pvid", "untagged"];

    /// <summary><c>bridge</c> (iproute2): the port carries the VLAN tagged (an external switch's uplink).</summary>
    public static IReadOnlyList<string> TrunkVlan(string port, int vlanId) =>
        ["vlan", "add", "dev", port, "vid", vlanId.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public static IReadOnlyList<string> AddDefaultRoute(string link, string gateway) => ["route", "replace", "default", "via", gateway, "dev", link];
}
