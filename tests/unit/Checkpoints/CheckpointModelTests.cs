using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;

namespace HvWeb.Tests.Unit.Checkpoints;

public sealed class CheckpointModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 1, 5, 9, TimeSpan.Zero);
    private static readonly DriveDefinition Drive = new() { Controller = ControllerType.Ide, ControllerNumber = 0, Location = 0, Path = "/vms/web/Virtual Hard Disks/web.qcow2" };
    private static readonly VmDefinition Vm = new() { Id = Guid.NewGuid(), Name = "web", CreatedUtc = T0, Folder = "/vms/web", Drives = [Drive] };

    private static Checkpoint Make(string name, Guid? parent, string frozen, int minute) => new()
    {
        Id = Guid.NewGuid(),
        VmId = Vm.Id,
        Name = name,
        Type = CheckpointKind.Standard,
        CreatedUtc = T0.AddMinutes(minute),
        ParentId = parent,
        Settings = Vm,
        Disks = [new CheckpointDisk { Controller = ControllerType.Ide, Path = frozen }],
    };

    [Fact]
    public void DefaultName_IsHyperVs()
    {
        Assert.Equal("web - (11/26/2026 - 1:05:09 AM)", CheckpointNames.Default("web", T0));
        Assert.Equal("web - (11/26/2026 - 1:05:09 PM)", CheckpointNames.Default("web", T0.AddHours(12)));
    }

    [Fact]
    public void Overlay_IsNamedAfterTheCheckpoint_WithoutRepeatingSuffixes()
    {
        var a = Guid.Parse("11111111-2222-3333-4444-555555555555");
        var b = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        var first = CheckpointNames.Overlay("/d/web.qcow2", a);
        Assert.Equal("/d/web_11111111-2222-3333-4444-555555555555.qcow2", first);
        Assert.Equal("/d/web_aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee.qcow2", CheckpointNames.Overlay(first, b));
        Assert.True(CheckpointNames.IsOverlay(first));
        Assert.False(CheckpointNames.IsOverlay("/d/web.qcow2"));
        Assert.False(CheckpointNames.IsOverlay("/d/web_11111111-2222-3333-4444-555555555555.vhdx"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("a\u0001b", "control")]
    public void Names_AreChecked(string name, string word) =>
        Assert.Contains(word, CheckpointNames.Problem(name), StringComparison.Ordinal);

    [Fact]
    public void Tree_HasParentsChildrenNowAndSubtrees()
    {
        var a = Make("A", null, "/d/web.qcow2", 1);
        var b = Make("B", a.Id, "/d/web_a.qcow2", 2);
        var c = Make("C", b.Id, "/d/web_b.qcow2", 3);
        var d = Make("D", a.Id, "/d/web_x.qcow2", 4);
        var orphan = Make("orphan", Guid.NewGuid(), "/d/o.qcow2", 5);
        var tree = new CheckpointTree([c, d, orphan, a, b], c.Id);

        Assert.Equal(["A", "orphan"], tree.Roots.Select(r => r.Checkpoint.Name));
        Assert.Equal(["B", "D"], tree.Roots[0].Children.Select(n => n.Checkpoint.Name));
        Assert.True(tree.Roots[0].Children[0].Children[0].IsNowParent);
        Assert.Equal(["C", "B", "D", "A"], tree.SubtreeBottomUp(a.Id).Select(x => x.Name));
        Assert.True(tree.NowIsUnder(a.Id));
        Assert.True(tree.NowIsUnder(c.Id));
        Assert.False(tree.NowIsUnder(d.Id));
        Assert.Null(new CheckpointTree([a], Guid.NewGuid()).NowParentId);
    }

    [Fact]
    public void Take_PutsADifferencingDiskOnEveryHardDisk()
    {
        var id = Guid.NewGuid();
        var dvd = new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Kind = DriveKind.Dvd, Path = "/iso/x.iso" };
        var plan = CheckpointPlanner.Take(Vm with { Drives = [Drive, dvd] }, id);
        var (drive, frozen, overlay) = Assert.Single(plan);
        Assert.Equal(Drive, drive);
        Assert.Equal(Drive.Path, frozen);
        Assert.Equal(CheckpointNames.Overlay(Drive.Path!, id), overlay);
    }

    [Fact]
    public void Apply_RestoresTheSettingsCopy_OnNewDisks_AndDiscardsNowsUnsavedDisk()
    {
        var a = Make("A", null, "/d/web.qcow2", 1) with { Settings = Vm with { MemoryStartupMb = 512, Name = "old name" } };
        var nowFile = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var current = Vm with { MemoryStartupMb = 2048, Drives = [Drive with { Path = nowFile }], ParentCheckpointId = a.Id };
        var nowId = Guid.NewGuid();

        var (definition, overlays, discard) = CheckpointPlanner.Apply(current, a, [a], nowId);

        Assert.Equal(512, definition.MemoryStartupMb);
        Assert.Equal("web", definition.Name);
        Assert.Equal(a.Id, definition.ParentCheckpointId);
        Assert.Equal([("/d/web.qcow2", CheckpointNames.Overlay("/d/web.qcow2", nowId))], overlays);
        Assert.Equal(CheckpointNames.Overlay("/d/web.qcow2", nowId), definition.Drives.Single().Path);
        Assert.Equal([nowFile], discard);
    }

    [Fact]
    public void Apply_NeverDiscardsADiskACheckpointFroze_OrAUsersDisk()
    {
        var a = Make("A", null, "/d/web.qcow2", 1);
        var (_, _, discard) = CheckpointPlanner.Apply(Vm, a, [a], Guid.NewGuid());
        Assert.Empty(discard);
    }

    [Fact]
    public void Delete_MiddleOfAChain_MergesTheChildIntoIt()
    {
        var oa = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var ob = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var oc = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var a = Make("A", null, "/d/web.qcow2", 1);
        var b = Make("B", a.Id, oa, 2);
        var c = Make("C", b.Id, ob, 3);
        var tree = new CheckpointTree([a, b, c], c.Id);
        var now = new[] { new NowDisk(Drive, oc) };

        var live = CheckpointPlanner.Delete(tree, b.Id, now, running: true);
        Assert.Equal([new CommitStep(ob, oa, Live: true, TopIsActive: false), new RemoveStep(ob)], live.Steps);
        Assert.Equal(oa, live.Redirects[ob]);

        var offline = CheckpointPlanner.Delete(tree, b.Id, now, running: false);
        Assert.Equal([new CommitStep(ob, oa, Live: false, TopIsActive: false), new RebaseStep(oc, oa), new RemoveStep(ob)], offline.Steps);
    }

    [Fact]
    public void Delete_TheCheckpointNowRunsFrom_MergesNowIntoIt()
    {
        var oa = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var a = Make("A", null, "/d/web.qcow2", 1);
        var tree = new CheckpointTree([a], a.Id);
        var plan = CheckpointPlanner.Delete(tree, a.Id, [new NowDisk(Drive, oa)], running: true);
        Assert.Equal([new CommitStep(oa, "/d/web.qcow2", Live: true, TopIsActive: true), new RemoveStep(oa)], plan.Steps);
        Assert.Equal("/d/web.qcow2", plan.Redirects[oa]);
    }

    [Fact]
    public void Delete_ABranchPoint_KeepsTheSharedDisk_AndALeaf_RemovesOnlyItsOwnDisk()
    {
        var oa = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var ox = CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid());
        var a = Make("A", null, "/d/web.qcow2", 1);
        var b = Make("B", a.Id, oa, 2);
        var d = Make("D", a.Id, ox, 3);
        var tree = new CheckpointTree([a, b, d], b.Id);
        var now = new[] { new NowDisk(Drive, CheckpointNames.Overlay("/d/web.qcow2", Guid.NewGuid())) };

        Assert.Equal([new KeepStep("/d/web.qcow2", 2)], CheckpointPlanner.Delete(tree, a.Id, now, running: false).Steps);
        Assert.Equal([new RemoveStep(ox)], CheckpointPlanner.Delete(tree, d.Id, now, running: false).Steps);
    }
}
