namespace HvWeb.Engine.Model;

/// <summary>
/// A network adapter (Settings → Network Adapter, or Legacy Network Adapter on generation 1).
/// Synthetic = virtio-net; legacy = emulated DEC 21140 (<c>tulip</c>), PXE-capable, generation 1 only.
/// <see cref="SwitchName"/> null = Not Connected (switches arrive with the switches issue).
/// </summary>
public sealed record NetworkAdapterDefinition
{
    public required Guid Id { get; init; }
    public string Name { get; init; } = "Network Adapter";
    public bool Legacy { get; init; }
    /// <summary>The virtual switch by name, as Hyper-V does; null = Not Connected.</summary>
    public string? SwitchName { get; init; }
    /// <summary>VLAN identification (1–4094); null = untagged.</summary>
    public int? VlanId { get; init; }
    /// <summary>Bandwidth management minimum in Mbps (0 = none).</summary>
    public int BandwidthMinimumMbps { get; init; }
    /// <summary>Bandwidth management maximum in Mbps (0 = unlimited).</summary>
    public int BandwidthMaximumMbps { get; init; }
    /// <summary>Advanced Features: static MAC address (else dynamic from the host's MAC pool).</summary>
    public bool StaticMacAddress { get; init; }
    /// <summary>"00-15-5D-xx-yy-zz"; for a dynamic adapter, the address it got at its first start (kept, as Hyper-V).</summary>
    public string? MacAddress { get; init; }
    public bool MacAddressSpoofing { get; init; }
    public bool DhcpGuard { get; init; }
    public bool RouterGuard { get; init; }
}
