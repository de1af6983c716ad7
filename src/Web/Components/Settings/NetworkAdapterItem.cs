using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Settings;

/// <summary>A network adapter as the Settings dialog edits it.</summary>
public sealed class NetworkAdapterItem
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "Network Adapter";
    public bool Legacy { get; set; }
    /// <summary>"" = Not connected.</summary>
    public string SwitchName { get; set; } = "";
    public bool VlanEnabled { get; set; }
    public int VlanId { get; set; } = 1;
    public bool BandwidthManagement { get; set; }
    public int BandwidthMinimumMbps { get; set; }
    public int BandwidthMaximumMbps { get; set; }
    public bool StaticMacAddress { get; set; }
    public string MacAddress { get; set; } = "";
    public bool MacAddressSpoofing { get; set; }
    public bool DhcpGuard { get; set; }
    public bool RouterGuard { get; set; }

    public static NetworkAdapterItem From(NetworkAdapterDefinition adapter) => new()
    {
        Id = adapter.Id,
        Name = adapter.Name,
        Legacy = adapter.Legacy,
        SwitchName = adapter.SwitchName ?? "",
        VlanEnabled = adapter.VlanId is not null,
        VlanId = adapter.VlanId ?? 1,
        BandwidthManagement = adapter.BandwidthMinimumMbps != 0 || adapter.BandwidthMaximumMbps != 0,
        BandwidthMinimumMbps = adapter.BandwidthMinimumMbps,
        BandwidthMaximumMbps = adapter.BandwidthMaximumMbps,
        StaticMacAddress = adapter.StaticMacAddress,
        MacAddress = adapter.MacAddress ?? "",
        MacAddressSpoofing = adapter.MacAddressSpoofing,
        DhcpGuard = adapter.DhcpGuard,
        RouterGuard = adapter.RouterGuard,
    };

    public static NetworkAdapterItem New(bool legacy) => new()
    {
        Id = Guid.NewGuid(),
        Name = legacy ? "Legacy Network Adapter" : "Network Adapter",
        Legacy = legacy,
    };

    public NetworkAdapterDefinition ToDefinition() => new()
    {
        Id = Id,
        Name = Name,
        Legacy = Legacy,
        SwitchName = SwitchName.Length == 0 ? null : SwitchName,
        VlanId = VlanEnabled ? VlanId : null,
        BandwidthMinimumMbps = BandwidthManagement ? BandwidthMinimumMbps : 0,
        BandwidthMaximumMbps = BandwidthManagement ? BandwidthMaximumMbps : 0,
        StaticMacAddress = StaticMacAddress,
        MacAddress = MacAddress.Length == 0 ? null : MacAddress,
        MacAddressSpoofing = MacAddressSpoofing,
        DhcpGuard = DhcpGuard,
        RouterGuard = RouterGuard,
    };
}
