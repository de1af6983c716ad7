using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Inventory;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>"Move..." in the Actions pane: where it sits, its name, and why it is disabled in a transitional state.</summary>
public sealed class MoveActionTests
{
    [Theory]
    [InlineData(VmState.Off)]
    [InlineData(VmState.Saved)]
    [InlineData(VmState.Running)]
    [InlineData(VmState.Paused)]
    public void DisabledReason_StableStates_Enabled(VmState state) =>
        Assert.Null(ConsoleActions.DisabledReason(ConsoleAction.Move, new VmSnapshotBuilder().In(state).Build(), busy: false));

    [Theory]
    [InlineData(VmState.Starting)]
    [InlineData(VmState.Saving)]
    [InlineData(VmState.Stopping)]
    [InlineData(VmState.Resetting)]
    public void DisabledReason_TransitionalStates_SaysWhy(VmState state) =>
        Assert.Equal($"VM 'web01' is {state}; its storage can be moved when it is Running, Paused, Saved or Off.",
            ConsoleActions.DisabledReason(ConsoleAction.Move, new VmSnapshotBuilder().In(state).Build(), busy: false));

    [Fact]
    public void ForVm_MoveThenExportBeforeRenameWithHyperVsLabel()
    {
        var actions = ConsoleActions.ForVm.ToList();
        // Hyper-V Manager's order: Move..., Export..., Rename...
        Assert.Equal(actions.IndexOf(ConsoleAction.Export) - 1, actions.IndexOf(ConsoleAction.Move));
        Assert.Equal(actions.IndexOf(ConsoleAction.Rename) - 1, actions.IndexOf(ConsoleAction.Export));
        Assert.Equal("Move...", ConsoleActions.Label(ConsoleAction.Move));
        Assert.Equal("Move web01", ConsoleActions.AccessibleName(ConsoleAction.Move, new VmSnapshotBuilder().Build()));
    }
}
