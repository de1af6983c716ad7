using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Which operation applies in which state, and the sentence shown when it does not
/// ("VM 'web01' is Running; turn it off before deleting it."). Pure; used by the API (409) and
/// the pages (disabled buttons with the reason).
/// </summary>
public static class VmStateRules
{
    public static bool Allows(VmState state, VmOperation operation) => operation switch
    {
        VmOperation.Start => state is VmState.Off or VmState.Saved,
        VmOperation.TurnOff => state is VmState.Running or VmState.Paused or VmState.Stopping or VmState.Resetting,
        VmOperation.ShutDown => state is VmState.Running,
        VmOperation.Save => state is VmState.Running or VmState.Paused,
        VmOperation.Pause => state is VmState.Running,
        VmOperation.Resume => state is VmState.Paused,
        VmOperation.Reset => state is VmState.Running,
        VmOperation.Delete => state is VmState.Off or VmState.Saved,
        VmOperation.ChangeHardware => state is VmState.Off,
        VmOperation.Screenshot => state is VmState.Running or VmState.Paused or VmState.Stopping or VmState.Resetting,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Null when allowed; otherwise why not, naming the VM and its state.</summary>
    public static string? Refusal(string vmName, VmState state, VmOperation operation)
    {
        if (Allows(state, operation))
        {
            return null;
        }

        var prefix = $"VM '{vmName}' is {state}";
        return operation switch
        {
            VmOperation.Start => $"{prefix}; it can be started only when it is Off or Saved.",
            VmOperation.TurnOff => $"{prefix}; there is nothing to turn off.",
            VmOperation.ShutDown => $"{prefix}; only a Running VM can be shut down.",
            VmOperation.Save => $"{prefix}; only a Running or Paused VM can be saved.",
            VmOperation.Pause => $"{prefix}; only a Running VM can be paused.",
            VmOperation.Resume => $"{prefix}; only a Paused VM can be resumed.",
            VmOperation.Reset => $"{prefix}; only a Running VM can be reset.",
            VmOperation.Delete => $"{prefix}; turn it off before deleting it.",
            VmOperation.ChangeHardware => $"{prefix}; turn it off to change this setting.",
            VmOperation.Screenshot => $"{prefix}; it has no screen to show.",
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }
}
