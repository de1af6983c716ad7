using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Vms;

/// <summary>What each action is called, where it applies, and which engine call it makes (shared by pages and API).</summary>
public static class VmActions
{
    public static string Label(VmAction action) => action switch
    {
        VmAction.Start => "Start",
        VmAction.TurnOff => "Turn Off",
        VmAction.ShutDown => "Shut Down",
        VmAction.Save => "Save",
        VmAction.Pause => "Pause",
        VmAction.Resume => "Resume",
        VmAction.Reset => "Reset",
    };

    /// <summary>The API path segment: "turn-off", "shut-down", …</summary>
    public static string Slug(VmAction action) => Label(action).Replace(' ', '-').ToLowerInvariant();

    /// <summary>The engine operation behind the action (its state rules are the engine's own).</summary>
    public static VmOperation Operation(VmAction action) => action switch
    {
        VmAction.Start => VmOperation.Start,
        VmAction.TurnOff => VmOperation.TurnOff,
        VmAction.ShutDown => VmOperation.ShutDown,
        VmAction.Save => VmOperation.Save,
        VmAction.Pause => VmOperation.Pause,
        VmAction.Resume => VmOperation.Resume,
        VmAction.Reset => VmOperation.Reset,
    };

    /// <summary>Whether the action applies in <paramref name="state"/> (<see cref="VmStateRules"/>).</summary>
    public static bool AppliesTo(VmAction action, VmState state) => VmStateRules.Allows(state, Operation(action));

    /// <summary>The tooltip: the action's name, or why it is disabled ("VM 'web01' is Off; only a Running VM can be paused.").</summary>
    public static string Tooltip(VmAction action, VmSnapshot vm) =>
        VmStateRules.Refusal(vm.Name, vm.State, Operation(action)) ?? Label(action);

    public static Task RunAsync(IVmManager vms, Guid id, VmAction action) => action switch
    {
        VmAction.Start => vms.StartAsync(id),
        VmAction.TurnOff => vms.TurnOffAsync(id),
        VmAction.ShutDown => vms.ShutDownAsync(id),
        VmAction.Save => vms.SaveAsync(id),
        VmAction.Pause => vms.PauseAsync(id),
        VmAction.Resume => vms.ResumeAsync(id),
        VmAction.Reset => vms.ResetAsync(id),
    };
}
