using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Inventory;

namespace HvWeb.Tests.Unit.Web.Inventory;

public sealed class VmColumnsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    public void Parse_NothingOrBroken_Defaults(string? stored) =>
        Assert.Equal(VmColumns.Default, VmColumns.Parse(stored));

    [Fact]
    public void Parse_UnknownNamesSkipped_NameAlwaysFirst_DisplayOrderKept()
    {
        var columns = VmColumns.Parse("""["Notes","Bogus","State"]""");

        Assert.Equal([VmColumn.Name, VmColumn.State, VmColumn.Notes], columns);
    }

    [Fact]
    public void Serialize_RoundTrips()
    {
        IReadOnlyList<VmColumn> chosen = [VmColumn.Name, VmColumn.Heartbeat, VmColumn.Screen];

        Assert.Equal(chosen, VmColumns.Parse(VmColumns.Serialize(chosen)));
    }

    [Fact]
    public void Text_ReplicationHealth_NotApplicableUntilReplica() =>
        Assert.Equal("Not Applicable", VmColumns.Text(VmColumn.ReplicationHealth, new VmSnapshotBuilder().Build()));

    [Fact]
    public void Comparer_Numbers_SortedAsNumbers_TiesByName()
    {
        var vms = new[]
        {
            new VmSnapshotBuilder().Named("b").Using(0, 1024).Build(),
            new VmSnapshotBuilder().Named("a").Using(0, 1024).Build(),
            new VmSnapshotBuilder().Named("c").Using(0, 256).Build(),
        };

        var sorted = vms.Order(VmColumns.Comparer(VmColumn.AssignedMemory, descending: false)).Select(vm => vm.Name);

        Assert.Equal(["c", "a", "b"], sorted);
    }

    [Theory]
    [InlineData(VmState.Off, ConsoleAction.Delete, null)]
    [InlineData(VmState.Running, ConsoleAction.Delete, "VM 'web01' is Running; turn it off before deleting it.")]
    [InlineData(VmState.Running, ConsoleAction.Settings, null)]
    [InlineData(VmState.Running, ConsoleAction.Connect, null)]
    [InlineData(VmState.Off, ConsoleAction.Checkpoint, null)]
    [InlineData(VmState.Running, ConsoleAction.Checkpoint, null)]
    [InlineData(VmState.Starting, ConsoleAction.Checkpoint, "VM 'web01' is Starting; a checkpoint can be taken when it is Running, Paused, Saved or Off.")]
    [InlineData(VmState.Off, ConsoleAction.Pause, "VM 'web01' is Off; only a Running VM can be paused.")]
    public void DisabledReason_ByState(VmState state, ConsoleAction action, string? reason) =>
        Assert.Equal(reason, ConsoleActions.DisabledReason(action, new VmSnapshotBuilder().Named("web01").In(state).Build(), busy: false));

    [Fact]
    public void DisabledReason_Busy_EverythingButConnectAndSettingsWaits()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();

        Assert.NotNull(ConsoleActions.DisabledReason(ConsoleAction.Start, vm, busy: true));
        Assert.Null(ConsoleActions.DisabledReason(ConsoleAction.Settings, vm, busy: true));
    }
}
