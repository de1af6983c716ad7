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

    /// <summary>Whether the action makes sense in <paramref name="state"/> (the engine has the last word).</summary>
    public static bool AppliesTo(VmAction action, VmState state) => action switch
    {
        VmAction.Start => state is VmState.Off or VmState.Saved,
        VmAction.TurnOff => state is VmState.Starting or VmState.Running or VmState.Paused or VmState.Stopping or VmState.Resetting,
        VmAction.ShutDown => state is VmState.Running,
        VmAction.Save => state is VmState.Running or VmState.Paused,
        VmAction.Pause => state is VmState.Running,
        VmAction.Resume => state is VmState.Paused,
        VmAction.Reset => state is VmState.Running,
    };

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
