using HvWeb.Engine.Networking;

namespace HvWeb.Web.Components.Switches;

/// <summary>The properties of the switch being edited (or created) in the Virtual Switch Manager.</summary>
public sealed class SwitchForm
{
    public string Name { get; set; } = "New Virtual Switch";
    public string Notes { get; set; } = "";
    public SwitchType Type { get; set; } = SwitchType.Private;
    public string? PhysicalAdapter { get; set; }
    public bool AllowManagementOs { get; set; } = true;
    public int? ManagementVlanId { get; set; }
    public string? HostAddress { get; set; }

    public static SwitchForm From(VirtualSwitch s) => new()
    {
        Name = s.Name,
        Notes = s.Notes,
        Type = s.Type,
        PhysicalAdapter = s.PhysicalAdapter,
        AllowManagementOs = s.AllowManagementOs,
        ManagementVlanId = s.ManagementVlanId,
        HostAddress = s.HostAddress,
    };

    public SwitchRequest ToRequest() => new()
    {
        Name = Name,
        Notes = Notes,
        Type = Type,
        PhysicalAdapter = Type == SwitchType.External ? PhysicalAdapter : null,
        AllowManagementOs = AllowManagementOs,
        ManagementVlanId = Type == SwitchType.External && AllowManagementOs ? ManagementVlanId : null,
        HostAddress = HostAddress ?? "",
    };
}
