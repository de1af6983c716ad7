using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Vms;

public sealed class VmStateRulesTests
{
    [Theory]
    [InlineData(VmState.Off, VmOperation.Start, true)]
    [InlineData(VmState.Saved, VmOperation.Start, true)]
    [InlineData(VmState.Running, VmOperation.Start, false)]
    [InlineData(VmState.Running, VmOperation.Save, true)]
    [InlineData(VmState.Paused, VmOperation.Save, true)]
    [InlineData(VmState.Off, VmOperation.Save, false)]
    [InlineData(VmState.Running, VmOperation.Pause, true)]
    [InlineData(VmState.Paused, VmOperation.Pause, false)]
    [InlineData(VmState.Paused, VmOperation.Resume, true)]
    [InlineData(VmState.Running, VmOperation.ShutDown, true)]
    [InlineData(VmState.Paused, VmOperation.ShutDown, false)]
    [InlineData(VmState.Stopping, VmOperation.TurnOff, true)]
    [InlineData(VmState.Off, VmOperation.TurnOff, false)]
    [InlineData(VmState.Saved, VmOperation.Delete, true)]
    [InlineData(VmState.Running, VmOperation.Delete, false)]
    [InlineData(VmState.Running, VmOperation.ChangeHardware, false)]
    public void Allows_StateAndOperation_FollowsHyperV(VmState state, VmOperation operation, bool allowed) =>
        Assert.Equal(allowed, VmStateRules.Allows(state, operation));

    [Fact]
    public void Refusal_DeleteRunning_SaysWhatToDo() =>
        Assert.Equal("VM 'web01' is Running; turn it off before deleting it.", VmStateRules.Refusal("web01", VmState.Running, VmOperation.Delete));

    [Fact]
    public void Refusal_Allowed_IsNull() => Assert.Null(VmStateRules.Refusal("web01", VmState.Off, VmOperation.Start));

    [Fact]
    public void Refusal_EveryRefusedPair_NamesTheVmAndState()
    {
        foreach (var state in Enum.GetValues<VmState>())
        {
            foreach (var operation in Enum.GetValues<VmOperation>())
            {
                var refusal = VmStateRules.Refusal("vm1", state, operation);
                Assert.Equal(VmStateRules.Allows(state, operation), refusal is null);
                if (refusal is not null)
                {
                    Assert.StartsWith($"VM 'vm1' is {state}", refusal, StringComparison.Ordinal);
                }
            }
        }
    }
}
