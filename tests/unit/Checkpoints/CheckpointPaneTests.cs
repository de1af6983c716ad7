using Bunit;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Pages;

namespace HvWeb.Tests.Unit.Checkpoints;

/// <summary>The Checkpoints pane of Hyper-V Manager's centre: the tree with "Now", details, pushed updates.</summary>
public sealed class CheckpointPaneTests : HomePageTestContext
{
    private static Checkpoint Make(VmDefinition vm, string name, Guid? parent, int minute) => new()
    {
        Id = Guid.NewGuid(),
        VmId = vm.Id,
        Name = name,
        Type = CheckpointKind.Standard,
        CreatedUtc = new DateTimeOffset(2026, 11, 26, 1, minute, 0, TimeSpan.Zero),
        ParentId = parent,
        Settings = vm with { MemoryStartupMb = 768 },
        Disks = [new CheckpointDisk { Controller = ControllerType.Scsi, Path = "/nowhere/web01.qcow2" }],
        SavedStateFile = "/nowhere/x.vmstate",
    };

    [Fact]
    public void Pane_ShowsTheTreeWithNowUnderItsCheckpoint_AndDetailsOfTheSelection()
    {
        var snapshot = new VmSnapshotBuilder().Named("web01").Build();
        Engine.With(snapshot);
        var a = Make(snapshot.Definition, "A", null, 1);
        var b = Make(snapshot.Definition, "B", a.Id, 2);
        var c = Make(snapshot.Definition, "C", a.Id, 3);
        Checkpoints.With(snapshot.Id, b.Id, a, b, c);
        var page = RenderHome();
        Select(page, "web01");

        var tree = page.Find("ul[role='tree']");
        Assert.Equal("Checkpoints of web01", tree.GetAttribute("aria-label"));
        var items = tree.QuerySelectorAll("li[role='treeitem']");
        Assert.Equal(["1", "2", "3", "2"], items.Select(i => i.GetAttribute("aria-level")));
        var now = tree.QuerySelector("li.hv-now")!;
        Assert.Contains("B", now.ParentElement!.ParentElement!.QuerySelector("button")!.TextContent, StringComparison.Ordinal);

        page.Find("button[aria-label^='B, Standard']").Click();
        var details = page.Find("div[aria-label='Checkpoint details']");
        Assert.Contains("768 MB memory", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("/nowhere/web01.qcow2 (missing)", details.TextContent, StringComparison.Ordinal);

        // Pushed: a rename elsewhere shows without a reload.
        Checkpoints.With(snapshot.Id, b.Id, a, b with { Name = "B2" }, c);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label^='B2, Standard']")));
    }

    [Fact]
    public void Pane_NoCheckpoints_SaysSo()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").Build());
        var page = RenderHome();
        Select(page, "web01");
        Assert.Contains("The selected virtual machine has no checkpoints.", page.Markup, StringComparison.Ordinal);
    }
}
