using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Hyper-V's VM states driven by signals (QMP events, process exit, operations begun). Pure: the
/// manager applies <see cref="Next"/> and publishes the result. A signal that does not apply in a
/// state leaves it unchanged (e.g. the STOP that QEMU sends while saving keeps the VM Saving).
/// </summary>
public static class VmStateMachine
{
    /// <param name="current">The state now.</param>
    /// <param name="signal">What happened.</param>
    /// <param name="previous">For <see cref="VmSignal.SaveFailed"/> and <see cref="VmSignal.LaunchFailed"/>: the state to go back to.</param>
    public static VmState Next(VmState current, VmSignal signal, VmState previous = VmState.Off) => signal switch
    {
        VmSignal.Launching => VmState.Starting,
        VmSignal.QmpResume => current is VmState.Saving or VmState.Starting ? current : VmState.Running,
        VmSignal.StartCompleted => current is VmState.Starting ? VmState.Running : current,
        VmSignal.QmpStop => current is VmState.Running or VmState.Resetting ? VmState.Paused : current,
        VmSignal.PowerButton => current is VmState.Running ? VmState.Stopping : current,
        VmSignal.ShutDownTimedOut => current is VmState.Stopping ? VmState.Running : current,
        VmSignal.ResetRequested => current is VmState.Running ? VmState.Resetting : current,
        VmSignal.QmpReset => current is VmState.Resetting ? VmState.Running : current,
        VmSignal.SaveBegun => VmState.Saving,
        VmSignal.SaveCompleted => VmState.Saved,
        VmSignal.SaveFailed => previous,
        VmSignal.ProcessExited => current is VmState.Saved ? VmState.Saved : VmState.Off,
        VmSignal.LaunchFailed => previous,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
