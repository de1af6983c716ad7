using System.Net;

namespace HvWeb.Engine.Networking;

/// <summary>Validation of a switch against Hyper-V's rules and the host: field (camelCase) → sentences.</summary>
public static class SwitchRules
{
    public const int MaxNameLength = 100;

    public static Dictionary<string, string[]> Check(VirtualSwitch candidate, IEnumerable<VirtualSwitch> others, IReadOnlyCollection<string> physicalAdapters)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new Dictionary<string, string[]>();
        var name = candidate.Name.Trim();
        if (name.Length == 0)
        {
            errors["name"] = ["The virtual switch needs a name."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name is {name.Length} characters long; a virtual switch's name has at most {MaxNameLength}."];
        }
        else if (others.Any(s => s.Id != candidate.Id && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = [$"A virtual switch named '{name}' already exists on this host; choose another name."];
        }

        if (!Enum.IsDefined(candidate.Type))
        {
            errors["type"] = ["The connection type is External, Internal or Private."];
        }

        if (candidate.Type == SwitchType.External)
        {
            if (string.IsNullOrWhiteSpace(candidate.PhysicalAdapter))
            {
                errors["physicalAdapter"] = ["An external virtual switch needs a physical network adapter."];
            }
            else if (!physicalAdapters.Contains(candidate.PhysicalAdapter))
            {
                errors["physicalAdapter"] = [$"'{candidate.PhysicalAdapter}' is not a free physical network adapter of this host; choose one of: {(physicalAdapters.Count == 0 ? "(none)" : string.Join(", ", physicalAdapters))}."];
            }
            else if (others.Any(s => s.Id != candidate.Id && s.PhysicalAdapter == candidate.PhysicalAdapter))
            {
                errors["physicalAdapter"] = [$"The physical network adapter '{candidate.PhysicalAdapter}' is already bound to another external virtual switch."];
            }
        }

        if (candidate.ManagementVlanId is { } vlan)
        {
            if (candidate.Type != SwitchType.External || !candidate.AllowManagementOs)
            {
                errors["managementVlanId"] = ["A VLAN ID for the management operating system applies only to an external switch shared with it."];
            }
            else if (vlan is < 1 or > 4094)
            {
                errors["managementVlanId"] = [$"VLAN ID {vlan} is out of range; it is 1 to 4094."];
            }
        }

        if (candidate.HostAddress is { Length: > 0 } address)
        {
            if (candidate.Type == SwitchType.Private || (candidate.Type == SwitchType.External && !candidate.AllowManagementOs))
            {
                errors["hostAddress"] = ["The host has no address on a private switch or an external switch it does not share."];
            }
            else if (!IsCidr(address))
            {
                errors["hostAddress"] = [$"'{address}' is not an IPv4 address with a prefix length, like 192.168.50.1/24."];
            }
        }

        return errors;
    }

    private static bool IsCidr(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && IPAddress.TryParse(parts[0], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix is >= 1 and <= 32;
    }
}
