namespace HvWeb.Engine.Networking;

/// <summary>The tap of a VM's network adapter N: <c>hvtap-</c> + 6 hex digits of the VM's ID + N (≤ 14 characters).</summary>
public static class TapNames
{
    public static string Of(Guid vmId, int adapterIndex) =>
        Prefix(vmId) + adapterIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What every tap of this VM starts with.</summary>
    public static string Prefix(Guid vmId) => "hvtap-" + vmId.ToString("N")[..6];
}
