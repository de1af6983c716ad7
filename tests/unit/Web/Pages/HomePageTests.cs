using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HvWeb.Tests.Unit.Web.Pages;

/// <summary>The Actions pane of the selected VM, the live list and the single-VM actions.</summary>
public sealed class HomePageTests : HomePageTestContext
{
    private static readonly string[] PowerActions = ["Start", "Turn Off", "Shut Down", "Save", "Pause", "Resume", "Reset"];

    [Theory]
    [InlineData(VmState.Off, "Start")]
    [InlineData(VmState.Saved, "Start")]
    [InlineData(VmState.Running, "Turn Off,Shut Down,Save,Pause,Reset")]
    [InlineData(VmState.Paused, "Turn Off,Save,Resume")]
    [InlineData(VmState.Starting, "")]
    [InlineData(VmState.Stopping, "Turn Off")]
    [InlineData(VmState.Resetting, "Turn Off")]
    [InlineData(VmState.Saving, "")]
    public void ActionsPane_InEachState_OnlyApplicableOnesEnabled_OthersSayWhy(VmState state, string enabled)
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(state).Build());
        var page = RenderHome();
        Select(page, "web01");

        var expected = enabled.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var action in PowerActions)
        {
            var isEnabled = expected.Contains(action);
            var button = Button(page, $"{action} web01");
            Assert.True(isEnabled != button.HasAttribute("disabled"),
                $"'{action}' should be {(isEnabled ? "enabled" : "disabled")} when the VM is {state}.");
            if (!isEnabled)
            {
                var reason = Reason(page, $"{action} web01");
                Assert.StartsWith($"VM 'web01' is {state};", reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ActionsPane_Off_DisabledButtonsWrappedFocusableWithTheReason()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build());
        var page = RenderHome();
        Select(page, "web01");

        var pause = Button(page, "Pause web01");
        Assert.Equal("0", pause.ParentElement!.GetAttribute("tabindex"));
        Assert.Equal("VM 'web01' is Off; only a Running VM can be paused.", Reason(page, "Pause web01"));
        Assert.False(Button(page, "Checkpoint web01").HasAttribute("disabled"));
        Assert.Null(Button(page, "Start web01").ParentElement!.GetAttribute("tabindex"));
    }

    [Fact]
    public void ActionsPane_NothingSelected_OnlyTheHostsSection()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").Build());
        var page = RenderHome();

        Assert.NotNull(Button(page, "New Virtual Machine"));
        Assert.NotNull(Button(page, "Hyper-V Settings"));
        Assert.Empty(page.FindAll("button[aria-label='Start web01']"));
        Assert.Contains("No virtual machine selected", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsHostAndRowsWithFigures()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Using(12.46, 256).UpFor(90061).WithStatus("Operating normally").Build());
        var page = RenderHome();

        Assert.Equal("Hyper-V Manager — lab-host-01", page.Find("h1").TextContent.Trim());
        Assert.Contains("TCG (software emulation)", page.Markup, StringComparison.Ordinal);
        var row = Row(page, "web01");
        Assert.Equal("12 %", row.QuerySelector("td[data-label='CPU Usage']")!.TextContent.Trim());
        Assert.Equal("256 MB", row.QuerySelector("td[data-label='Assigned Memory']")!.TextContent.Trim());
        Assert.Equal("1.01:01:01", row.QuerySelector("td[data-label='Uptime']")!.TextContent.Trim());
        Assert.Equal("Operating normally", row.QuerySelector("td[data-label='Status']")!.TextContent.Trim());
        Assert.Equal("8.0", row.QuerySelector("td[data-label='Configuration Version']")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("td[data-label='Generation']")!.TextContent.Trim());
    }

    [Fact]
    public void Select_ShowsDetailsTabsOfThatVm()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm with
        {
            Heartbeat = "OK",
            Definition = vm.Definition with { Notes = "the web server", NetworkAdapters = [new NetworkAdapterDefinition { Id = Guid.NewGuid(), MacAddress = "00-15-5D-00-00-01" }] },
        });
        var page = RenderHome();

        Select(page, "web01");

        var tabs = page.FindAll("[role='tab']").Select(t => t.TextContent.Trim()).ToArray();
        Assert.Equal(["Summary", "Memory", "Networking", "Replication"], tabs);
        Assert.Contains("the web server", page.Markup, StringComparison.Ordinal);
        page.FindAll("[role='tab']").Single(t => t.TextContent.Trim() == "Networking").Click();
        page.WaitForAssertion(() => Assert.Contains("Not Connected", page.Markup, StringComparison.Ordinal));
        Assert.Contains("00-15-5D-00-00-01", page.Markup, StringComparison.Ordinal);
        page.FindAll("[role='tab']").Single(t => t.TextContent.Trim() == "Replication").Click();
        page.WaitForAssertion(() => Assert.Contains("Replication is not enabled for this virtual machine", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void PushedChange_RerendersStateCellAndActions()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");
        Assert.Equal("Off", StateCell(page, "web01"));

        Engine.Push(vm.Id, vm with { State = VmState.Running });

        page.WaitForAssertion(() => Assert.Equal("Running", StateCell(page, "web01")));
        page.WaitForAssertion(() => Assert.True(Button(page, "Start web01").HasAttribute("disabled")));
    }

    [Fact]
    public void PushedChanges_InABurst_CoalescedIntoFewRenders()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();
        var before = page.RenderCount;

        for (var i = 1; i <= 100; i++)
        {
            Engine.Push(vm.Id, vm with { UptimeSeconds = i });
        }

        page.WaitForAssertion(() => Assert.Equal("0.00:01:40", Row(page, "web01").QuerySelector("td[data-label='Uptime']")!.TextContent.Trim()));
        Assert.True(page.RenderCount - before < 10, $"{page.RenderCount - before} renders for 100 changes");
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

        page.WaitForAssertion(() => Assert.Equal(["new"], Names(page)));
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
        Select(page, "web01");

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
        Select(page, "web01");

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
        Select(page, "web01");

        Button(page, "Pause web01").Click();

        var shown = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Engine.FailWith.Message, shown.Message);
    }

    [Fact]
    public void Pause_VmHeldByAJob_RefusedWithoutCallingTheEngine()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        Jobs.LockedVms.Add(vm.Id);
        var page = RenderHome();
        Select(page, "web01");

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
        Select(page, "web01");

        Button(page, "Turn Off web01").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains(Home.TurnOffWarning, Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Calls);
        ClickDialogButton("Turn Off");

        page.WaitForAssertion(() => Assert.Contains($"TurnOff {vm.Id}", Engine.Calls));
    }

    [Fact]
    public void TurnOff_Cancelled_LeavesVmRunning()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Turn Off web01").Click();
        ClickDialogButton("Cancel");

        Dialogs.WaitForAssertion(() => Assert.DoesNotContain(Home.TurnOffWarning, Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public async Task TurnOff_DoNotAskAgain_RememberedForTheUser()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Turn Off web01").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("input[type='checkbox']").Change(true));
        ClickDialogButton("Turn Off");
        page.WaitForAssertion(() => Assert.Single(Engine.Calls));

        Assert.Equal("false", await Preferences.GetAsync("admin", Home.ConfirmTurnOffKey));
        Button(page, "Turn Off web01").Click();
        page.WaitForAssertion(() => Assert.Equal(2, Engine.Calls.Count));
        Assert.DoesNotContain(Home.TurnOffWarning, Dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ShutDown_AsksFirst()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Shut Down web01").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains(Home.ShutDownWarning, Dialogs.Markup, StringComparison.Ordinal));
        ClickDialogButton("Shut Down");

        page.WaitForAssertion(() => Assert.Contains($"ShutDown {vm.Id}", Engine.Calls));
    }

    [Fact]
    public void UpgradeConfigurationVersion_Confirmed_CallsTheEngine_AndIsDisabledAtTheHighest()
    {
        var old = new VmSnapshotBuilder().Named("old").Build();
        old = old with { Definition = old.Definition with { Version = new ConfigurationVersion(5, 0) } };
        Engine.With(old, new VmSnapshotBuilder().Named("new").Build());
        var page = RenderHome();

        Select(page, "new");
        Assert.Equal("VM 'new' already has configuration version 8.0, the highest this host supports.", Reason(page, "Upgrade Configuration Version new"));
        Select(page, "old");
        Button(page, "Upgrade Configuration Version old").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", Dialogs.Markup, StringComparison.Ordinal));
        ClickDialogButton("Upgrade");

        page.WaitForAssertion(() => Assert.Contains($"UpgradeConfigurationVersion {old.Id}", Engine.Calls));
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
