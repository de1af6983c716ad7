namespace HvWeb.Engine.Networking;

/// <summary>A virtual switch as the host's configuration holds it (<c>&lt;data root&gt;/switches.json</c>).</summary>
public sealed record VirtualSwitch
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required SwitchType Type { get; init; }
    public string Notes { get; init; } = "";
    /// <summary>External only: the physical network adapter (Linux interface name) the switch is bound to.</summary>
    public string? PhysicalAdapter { get; init; }
    /// <summary>External only: "Allow management operating system to share this network adapter".</summary>
    public bool AllowManagementOs { get; init; } = true;
    /// <summary>External (shared) only: VLAN ID of the management operating system's traffic (null = untagged).</summary>
    public int? ManagementVlanId { get; init; }
    /// <summary>Internal, or external shared: an address for the host on the switch ("192.168.50.1/24"); optional.</summary>
    public string? HostAddress { get; init; }
    /// <summary>External: the IPv4 addresses the physical adapter had when it was bound (given back on removal).</summary>
    public IReadOnlyList<string> PhysicalAdapterAddresses { get; init; } = [];

    /// <summary>The Linux bridge of this switch: <c>hvbr-</c> + 8 hex digits of its ID (13 characters, within IFNAMSIZ).</summary>
    public string BridgeName => BridgeNameOf(Id);

    public static string BridgeNameOf(Guid id) => "hvbr-" + id.ToString("N")[..8];
}
