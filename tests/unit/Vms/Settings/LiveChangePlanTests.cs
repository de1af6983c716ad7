using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms.Settings;

namespace HvWeb.Tests.Unit.Vms.Settings;

public sealed class LiveChangePlanTests
{
    private static readonly DriveDefinition Dvd = new() { Controller = ControllerType.Scsi, Location = 1, Kind = DriveKind.Dvd };
    private static readonly DriveDefinition Disk = new() { Controller = ControllerType.Scsi, ControllerNumber = 1, Location = 3, Path = "/d/a,b.qcow2" };

    [Fact]
    public void Plan_SortsMediaHotPlugAndTheRest()
    {
        var ide = new DriveDefinition { Controller = ControllerType.Ide, Path = "/d/ide.qcow2" };
        var plan = DriveChangePlan.Compute([Dvd, ide], [Dvd with { Path = "/i.iso" }, Disk]);
        Assert.Equal([Dvd with { Path = "/i.iso" }], plan.MediaChanged);
        Assert.Equal([Disk], plan.ScsiDisksAdded);
        Assert.Empty(plan.ScsiDisksRemoved);
        Assert.Equal("removed", Assert.Single(plan.Other).What);
    }

    [Fact]
    public void HotPlug_UsesTheCommandLinesNames()
    {
        var nodes = HotPlugCommands.DiskNodes(Disk);
        Assert.Equal("scsi1-3-file", nodes[0]["node-name"]);
        Assert.Equal("/d/a,b.qcow2", nodes[0]["filename"]);
        Assert.Equal("scsi1-3-format", nodes[1]["node-name"]);
        var device = HotPlugCommands.ScsiDisk(Disk);
        Assert.Equal("scsi1.0", device["bus"]);
        Assert.Equal(3, device["lun"]);
        Assert.Equal("scsi1-3", device["id"]);
        Assert.Equal("scsi0-1", HotPlugCommands.InsertMedium(Dvd, "/i.iso")["id"]);
        Assert.Equal("net2", HotPlugCommands.SetLink(2, up: false)["name"]);
    }
}
