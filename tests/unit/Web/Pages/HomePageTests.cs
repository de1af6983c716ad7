using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Web.Fakes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HvWeb.Tests.Unit.Web.Pages;

public sealed class HomePageTests : HomePageTestContext
{
    private static readonly string[] AllActions = ["Start", "Turn Off", "Shut Down", "Save", "Pause", "Resume", "Reset"];

    [Theory]
    [InlineData(VmState.Off, "Start")]
    [InlineData(VmState.Saved, "Start")]
    [InlineData(VmState.Running, "Turn Off,Shut Down,Save,Pause,Reset")]
    [InlineData(VmState.Paused, "Turn Off,Save,Resume")]
    [InlineData(VmState.Starting, "")]
    [InlineData(VmState.Stopping, "Turn Off")]
    [InlineData(VmState.Resetting, "Turn Off")]
    [InlineData(VmState.Saving, "")]
    public void Buttons_InEachState_OnlyApplicableOnesEnabled(VmState state, string enabled)
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(state).Build());
        var page = RenderHome();

        var expected = enabled.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var action in AllActions)
        {
            var button = Button(page, $"{action} web01");
            Assert.True(expected.Contains(action) != button.HasAttribute("disabled"),
                $"'{action}' should be {(expected.Contains(action) ? "enabled" : "disabled")} when the VM is {state}.");
        }
    }

    [Fact]
    public void Render_ShowsHostAndRowsWithFigures()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Using(12.46, 256).UpFor(90061).WithStatus("Operating normally").Build());
        var page = RenderHome();

        Assert.Equal("Hyper-V Manager — lab-host-01", page.Find("h1").TextContent.Trim());
        Assert.Contains("TCG (software emulation)", page.Markup, StringComparison.Ordinal);
        Assert.Contains("QEMU 9.2.0", page.Markup, StringComparison.Ordinal);
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("web01", StringComparison.Ordinal));
        Assert.Equal("12 %", row.QuerySelector("td[data-label='CPU Usage']")!.TextContent.Trim());
        Assert.Equal("256 MB", row.QuerySelector("td[data-label='Assigned Memory']")!.TextContent.Trim());
        Assert.Equal("1.01:01:01", row.QuerySelector("td[data-label='Uptime']")!.TextContent.Trim());
        Assert.Equal("Operating normally", row.QuerySelector("td[data-label='Status']")!.TextContent.Trim());
    }

    [Fact]
    public void PushedChange_RerendersStateCellAndButtons()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();
        Engine.With(vm);
        var page = RenderHome();
        Assert.Equal("Off", StateCell(page, "web01"));

        Engine.Push(vm.Id, vm with { State = VmState.Running });

        page.WaitForAssertion(() => Assert.Equal("Running", StateCell(page, "web01")));
        page.WaitForAssertion(() => Assert.True(Button(page, "Start web01").HasAttribute("disabled")));
    }

    [Fact]
    public void PushedChange_SameVm_KeepsTheRowsComponents()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Using(10, 256).Build();
        Engine.With(vm);
        var page = RenderHome();
        var buttons = page.FindComponent<HvWeb.Web.Components.Vms.VmActionButtons>().Instance;

        Engine.Push(vm.Id, vm with { CpuUsagePercent = 55 });

        // A rebuilt row would lose a click in flight and the keyboard focus every second.
        page.WaitForAssertion(() => Assert.Contains("55 %", page.Markup, StringComparison.Ordinal));
        Assert.Same(buttons, page.FindComponent<HvWeb.Web.Components.Vms.VmActionButtons>().Instance);
    }

    [Fact]
    public void PushedChange_NewAndRemovedVms_AppearAndDisappear()
    {
        var old = new VmSnapshotBuilder().Named("old").Build();
        Engine.With(old);
        var page = RenderHome();

        Engine.Push(old.Id, null);
        var added = new VmSnapshotBuilder().Named("new").Build();
        Engine.Push(added.Id, added);

        page.WaitForAssertion(() =>
        {
            Assert.DoesNotContain(page.FindAll("td[data-label='Name']"), cell => cell.TextContent.Trim() == "old");
            Assert.Contains(page.FindAll("td[data-label='Name']"), cell => cell.TextContent.Trim() == "new");
        });
    }

    [Theory]
    [InlineData(VmState.Off, "Start", "start")]
    [InlineData(VmState.Saved, "Start", "start")]
    [InlineData(VmState.Running, "Save", "save")]
    public void StartOrSave_Click_QueuesAJobAsTheSignedInUser(VmState state, string button, string kind)
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(state).Build();
        Engine.With(vm);
        var page = RenderHome();

        Button(page, $"{button} web01").Click();

        page.WaitForAssertion(() => Assert.Single(Jobs.Enqueued));
        var (job, startedBy) = Jobs.Enqueued[0];
        Assert.Equal(kind, job.Kind);
        Assert.Equal(vm.Id, job.VmId);
        Assert.Equal("admin", startedBy);
        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public void Start_RunnerRefuses_ShowsMessageInSnackbar()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build());
        Jobs.FailEnqueueWith = new JobStateException("'web01' is being saved (45 %); wait or cancel the save.");
        var page = RenderHome();

        Button(page, "Start web01").Click();

        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Jobs.FailEnqueueWith.Message, shown.Message);
        Assert.Equal(Severity.Error, shown.Severity);
    }

    [Fact]
    public void Pause_EngineRefuses_ShowsMessageInSnackbar()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build());
        Engine.FailWith = new VmOperationException("QEMU did not answer: stop");
        var page = RenderHome();

        Button(page, "Pause web01").Click();

        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Engine.FailWith.Message, shown.Message);
        Assert.Equal(Severity.Error, shown.Severity);
    }

    [Fact]
    public void Pause_VmHeldByAJob_RefusedWithoutCallingTheEngine()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        Jobs.LockedVms.Add(vm.Id);
        var page = RenderHome();

        Button(page, "Pause web01").Click();

        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public void TurnOff_Confirmed_TurnsOff()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();

        Button(page, "Turn Off web01").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("like pulling the plug", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Calls);
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Turn Off").Click();

        page.WaitForAssertion(() => Assert.Contains($"TurnOff {vm.Id}", Engine.Calls));
    }

    [Fact]
    public void TurnOff_Cancelled_LeavesVmRunning()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();

        Button(page, "Turn Off web01").Click();
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("like pulling the plug", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public async Task Dispose_EndsTheSubscription()
    {
        Engine.With(new VmSnapshotBuilder().Build());
        RenderHome();
        Assert.Equal(1, Engine.ActiveSubscriptions);

        await DisposeComponentsAsync();

        Assert.Equal(0, Engine.ActiveSubscriptions);
    }
}
