using HvWeb.Engine.Networking;

namespace HvWeb.Web.Api.Contracts;

/// <summary>A virtual switch as the API shows it.</summary>
public sealed record SwitchDto(
    Guid Id, string Name, SwitchType Type, string Notes, string? PhysicalAdapter, bool AllowManagementOs,
    int? ManagementVlanId, string? HostAddress, string BridgeName)
{
    public static SwitchDto From(VirtualSwitch s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.Type, s.Notes, s.PhysicalAdapter, s.AllowManagementOs, s.ManagementVlanId, s.HostAddress, s.BridgeName);
    }
}

/// <summary>Whether this host can build switches (and why not), and the physical adapters an external switch may use.</summary>
public sealed record SwitchHostDto(bool Available, string? UnavailableReason, IReadOnlyList<string> PhysicalAdapters);
