using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Vms;

namespace HvWeb.Tests.Unit.Web.Vms;

public sealed class VmFormatTests
{
    [Theory]
    [InlineData(0, "0.00:00:00")]
    [InlineData(59, "0.00:00:59")]
    [InlineData(3661, "0.01:01:01")]
    [InlineData(90061, "1.01:01:01")]
    [InlineData(1_000_000, "11.13:46:40")]
    public void Uptime_RunningVm_DaysHoursMinutesSeconds(long seconds, string expected) =>
        Assert.Equal(expected, VmFormat.Uptime(new VmSnapshotBuilder().In(VmState.Running).UpFor(seconds).Build()));

    [Fact]
    public void Figures_OffVm_Blank()
    {
        var vm = new VmSnapshotBuilder().In(VmState.Off).Build();

        Assert.Equal("", VmFormat.Uptime(vm));
        Assert.Equal("", VmFormat.CpuUsage(vm));
        Assert.Equal("", VmFormat.AssignedMemory(vm));
    }

    [Theory]
    [InlineData(VmAction.TurnOff, "turn-off")]
    [InlineData(VmAction.ShutDown, "shut-down")]
    [InlineData(VmAction.Start, "start")]
    public void Slug_Action_ApiPathSegment(VmAction action, string expected) => Assert.Equal(expected, VmActions.Slug(action));
}
