using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Vms;

public sealed class VmStateMachineTests
{
    [Theory]
    [InlineData(VmState.Off, VmSignal.Launching, VmState.Starting)]
    [InlineData(VmState.Saved, VmSignal.Launching, VmState.Starting)]
    [InlineData(VmState.Starting, VmSignal.QmpResume, VmState.Starting)]
    [InlineData(VmState.Starting, VmSignal.StartCompleted, VmState.Running)]
    [InlineData(VmState.Running, VmSignal.QmpStop, VmState.Paused)]
    [InlineData(VmState.Paused, VmSignal.QmpResume, VmState.Running)]
    [InlineData(VmState.Running, VmSignal.PowerButton, VmState.Stopping)]
    [InlineData(VmState.Stopping, VmSignal.ProcessExited, VmState.Off)]
    [InlineData(VmState.Stopping, VmSignal.ShutDownTimedOut, VmState.Running)]
    [InlineData(VmState.Running, VmSignal.ResetRequested, VmState.Resetting)]
    [InlineData(VmState.Resetting, VmSignal.QmpReset, VmState.Running)]
    [InlineData(VmState.Running, VmSignal.SaveBegun, VmState.Saving)]
    [InlineData(VmState.Saving, VmSignal.SaveCompleted, VmState.Saved)]
    [InlineData(VmState.Running, VmSignal.ProcessExited, VmState.Off)]
    [InlineData(VmState.Paused, VmSignal.ProcessExited, VmState.Off)]
    public void Next_Signal_MovesToHyperVState(VmState current, VmSignal signal, VmState expected) =>
        Assert.Equal(expected, VmStateMachine.Next(current, signal));

    [Fact]
    public void Next_StopWhileSaving_StaysSaving() =>
        Assert.Equal(VmState.Saving, VmStateMachine.Next(VmState.Saving, VmSignal.QmpStop));

    [Fact]
    public void Next_ResumeWhileSaving_StaysSaving() =>
        Assert.Equal(VmState.Saving, VmStateMachine.Next(VmState.Saving, VmSignal.QmpResume));

    [Theory]
    [InlineData(VmState.Running)]
    [InlineData(VmState.Paused)]
    public void Next_SaveFailed_GoesBackToPrevious(VmState previous) =>
        Assert.Equal(previous, VmStateMachine.Next(VmState.Saving, VmSignal.SaveFailed, previous));

    [Theory]
    [InlineData(VmState.Off)]
    [InlineData(VmState.Saved)]
    public void Next_LaunchFailed_GoesBackToPrevious(VmState previous) =>
        Assert.Equal(previous, VmStateMachine.Next(VmState.Starting, VmSignal.LaunchFailed, previous));

    [Fact]
    public void Next_PowerButtonWhenPaused_Ignored() =>
        Assert.Equal(VmState.Paused, VmStateMachine.Next(VmState.Paused, VmSignal.PowerButton));

    [Fact]
    public void Next_EverySignalFromEveryState_IsDefined()
    {
        foreach (var state in Enum.GetValues<VmState>())
        {
            foreach (var signal in Enum.GetValues<VmSignal>())
            {
                Assert.True(Enum.IsDefined(VmStateMachine.Next(state, signal, VmState.Off)));
            }
        }
    }
}
