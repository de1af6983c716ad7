using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Pages;
using HvWeb.Web.Components.Inventory;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.Unit.Web.Inventory;

/// <summary>The Virtual Machines list: sort, filter, columns remembered per user, bulk actions, Delete and Rename.</summary>
public sealed class VmListTests : HomePageTestContext
{
    [Fact]
    public void Sort_ByHeader_AscendingThenDescending()
    {
        Engine.With(
            new VmSnapshotBuilder().Named("b").In(VmState.Running).Using(50, 256).Build(),
            new VmSnapshotBuilder().Named("a").In(VmState.Running).Using(5, 256).Build(),
            new VmSnapshotBuilder().Named("c").In(VmState.Running).Using(20, 256).Build());
        var page = RenderHome();
        Assert.Equal(["a", "b", "c"], Names(page));

        page.FindAll("th button").Single(b => b.TextContent.Trim() == "CPU Usage").Click();
        Assert.Equal(["a", "c", "b"], Names(page));
        Assert.Equal("ascending", page.FindAll("th").Single(th => th.TextContent.Contains("CPU Usage", StringComparison.Ordinal)).GetAttribute("aria-sort"));

        page.FindAll("th button").Single(b => b.TextContent.Contains("CPU Usage", StringComparison.Ordinal)).Click();
        Assert.Equal(["b", "c", "a"], Names(page));
    }

    [Fact]
    public void Filter_AsYouType_ShowsOnlyMatchingNames()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").Build(), new VmSnapshotBuilder().Named("web02").Build(), new VmSnapshotBuilder().Named("db01").Build());
        var page = RenderHome();

        page.Find("input[type='text']").Input("WEB");

        page.WaitForAssertion(() => Assert.Equal(["web01", "web02"], Names(page)));
    }

    [Fact]
    public async Task Columns_AddAndRemove_PersistedForTheUserAndUsedNextTime()
    {
        var vm = new VmSnapshotBuilder().Named("web01").Build();
        Engine.With(vm with { Definition = vm.Definition with { Notes = "the web server" } });
        var page = RenderHome();
        Assert.Empty(page.FindAll("td[data-label='Notes']"));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Add/Remove Columns...").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Replication Health", Dialogs.Markup, StringComparison.Ordinal));
        CheckBox("Notes").Change(true);
        CheckBox("Generation").Change(false);
        ClickDialogButton("OK");

        page.WaitForAssertion(() => Assert.Equal("the web server", Row(page, "web01").QuerySelector("td[data-label='Notes']")!.TextContent.Trim()));
        Assert.Empty(page.FindAll("td[data-label='Generation']"));
        var stored = await Preferences.GetAsync("admin", VmColumns.PreferenceKey);
        Assert.Contains(VmColumn.Notes, VmColumns.Parse(stored));
        Assert.DoesNotContain(VmColumn.Generation, VmColumns.Parse(stored));

        await DisposeComponentsAsync();
        var again = RenderHome();
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("td[data-label='Notes']")));
        Assert.Empty(again.FindAll("td[data-label='Generation']"));
    }

    [Fact]
    public void BulkStart_ThreeChecked_OneJobPerApplicableVm_RefusalsSummarized()
    {
        var a = new VmSnapshotBuilder().Named("a").In(VmState.Off).Build();
        var b = new VmSnapshotBuilder().Named("b").In(VmState.Saved).Build();
        var c = new VmSnapshotBuilder().Named("c").In(VmState.Running).Build();
        Engine.With(a, b, c, new VmSnapshotBuilder().Named("d").In(VmState.Off).Build());
        var page = RenderHome();

        Check(page, "a");
        Check(page, "b");
        Check(page, "c");
        Button(page, "Start selected").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Jobs.Enqueued.Count));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), Jobs.Enqueued.Select(j => j.Job.VmId).OfType<Guid>().Order());
        Assert.All(Jobs.Enqueued, j => Assert.Equal("start", j.Job.Kind));
        Dialogs.WaitForAssertion(() => Assert.Equal("VM 'c' is Running; it can be started only when it is Off or Saved.", Dialogs.Find("ul[aria-label='Refused']").TextContent.Trim()));
    }

    [Fact]
    public void BulkTurnOff_AfterOneConfirmation_EachVmTurnedOff()
    {
        var a = new VmSnapshotBuilder().Named("a").In(VmState.Running).Build();
        var b = new VmSnapshotBuilder().Named("b").In(VmState.Paused).Build();
        Engine.With(a, b);
        var page = RenderHome();

        page.Find("input[aria-label='Select all virtual machines']").Change(true);
        Button(page, "Turn Off selected").Click();
        ClickDialogButton("Turn Off");

        page.WaitForAssertion(() => Assert.Equal(new[] { $"TurnOff {a.Id}", $"TurnOff {b.Id}" }.Order(StringComparer.Ordinal), Engine.Calls.Order(StringComparer.Ordinal)));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Turn Off: 2 of 2 virtual machines.");
    }

    [Fact]
    public void Select_CtrlAndShiftClick_CheckSeveral()
    {
        Engine.With(new[] { "a", "b", "c", "d" }.Select(n => new VmSnapshotBuilder().Named(n).Build()).ToArray());
        var page = RenderHome();

        Row(page, "a").Click();
        Row(page, "c").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { ShiftKey = true });
        Assert.Equal(["a", "b", "c"], CheckedNames(page));
        Row(page, "b").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { CtrlKey = true });
        Assert.Equal(["a", "c"], CheckedNames(page));
    }

    [Fact]
    public void Delete_DialogSaysWhatGoesAndWhatStays_DisksKeptByDefault()
    {
        var vm = new VmSnapshotBuilder().Named("web01").WithDrives(
            new DriveDefinition { Controller = ControllerType.Ide, Path = "/srv/vms/web01/Virtual Hard Disks/web01.qcow2" },
            new DriveDefinition { Controller = ControllerType.Ide, Location = 1, Kind = DriveKind.Dvd, Path = "/iso/debian.iso" }).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Delete web01").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("the virtual machine's configuration and its saved state", Dialogs.Markup, StringComparison.Ordinal));
        var disks = Dialogs.Find("ul[aria-label='Virtual hard disks']").TextContent;
        Assert.Contains("web01.qcow2", disks, StringComparison.Ordinal);
        Assert.DoesNotContain("debian.iso", disks, StringComparison.Ordinal);
        Assert.False(Dialogs.Find("input[type='checkbox']") is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true });
        ClickDialogButton("Delete");

        page.WaitForAssertion(() => Assert.Equal([(vm.Id, false)], Engine.Deleted));
    }

    [Fact]
    public void Delete_AlsoDisksTicked_PassesDeleteDisks()
    {
        var vm = new VmSnapshotBuilder().Named("web01").WithDrives(new DriveDefinition { Controller = ControllerType.Ide, Path = "/d/web01.qcow2" }).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Delete web01").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("input[type='checkbox']").Change(true));
        ClickDialogButton("Delete");

        page.WaitForAssertion(() => Assert.Equal([(vm.Id, true)], Engine.Deleted));
    }

    [Fact]
    public void Delete_Running_DisabledWithTheStateRule()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build());
        var page = RenderHome();
        Select(page, "web01");

        Assert.Equal("VM 'web01' is Running; turn it off before deleting it.", Reason(page, "Delete web01"));
    }

    [Fact]
    public void Rename_ThroughUpdate_ErrorShownUnderTheField()
    {
        var vm = new VmSnapshotBuilder().Named("web01").Build();
        Engine.With(vm);
        Engine.UpdateFailWith = VmValidationException.For("name", "A virtual machine named 'db01' already exists.");
        var page = RenderHome();
        Select(page, "web01");

        Button(page, "Rename web01").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("input").Input("db01"));
        ClickDialogButton("Rename");
        Dialogs.WaitForAssertion(() => Assert.Contains("already exists", Dialogs.Markup, StringComparison.Ordinal));

        Engine.UpdateFailWith = null;
        Dialogs.Find("input").Input("web02");
        ClickDialogButton("Rename");
        page.WaitForAssertion(() => Assert.Equal("web02", Assert.Single(Engine.Updated).Name));
    }

    [Fact]
    public void Keyboard_EnterOnARow_SelectsIt()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").Build());
        var page = RenderHome();

        Row(page, "web01").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("true", Row(page, "web01").GetAttribute("aria-current"));
        Assert.NotNull(Button(page, "Start web01"));
    }

    [Fact]
    public void Refresh_ReadsTheWholeListAgain()
    {
        var page = RenderHome();
        Engine.With(new VmSnapshotBuilder().Named("late").Build()); // not pushed

        Button(page, "Refresh").Click();

        Assert.Equal(["late"], Names(page));
    }

    private AngleSharp.Dom.IElement CheckBox(string label) =>
        Dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    private static string[] CheckedNames(IRenderedComponent<HvWeb.Web.Components.Pages.Home> page) =>
        [.. page.FindAll("tbody tr").Where(r => r.QuerySelector("input[type='checkbox']")! is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true })
            .Select(r => r.QuerySelector("td[data-label='Name']")!.TextContent.Trim())];
}
