using HvWeb.Engine.Model;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Vms;

/// <summary>Start, Turn Off, … for one VM; each enabled only in the states where it applies.</summary>
public partial class VmActionButtons
{
    [Parameter, EditorRequired]
    public VmSnapshot Vm { get; set; } = default!;

    /// <summary>An action of this VM is under way: every button waits.</summary>
    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<VmAction> OnAction { get; set; }

    private static string IconOf(VmAction action) => action switch
    {
        VmAction.Start => Icons.Material.Filled.PlayArrow,
        VmAction.TurnOff => Icons.Material.Filled.PowerOff,
        VmAction.ShutDown => Icons.Material.Filled.PowerSettingsNew,
        VmAction.Save => Icons.Material.Filled.Save,
        VmAction.Pause => Icons.Material.Filled.Pause,
        VmAction.Resume => Icons.Material.Filled.PlayCircleOutline,
        VmAction.Reset => Icons.Material.Filled.RestartAlt,
    };
}
