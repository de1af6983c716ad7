using HvWeb.Engine.Storage;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The export folder format's path rules (docs/storage.md), without a file system.</summary>
public sealed class ImportPathsTests
{
    private const string Vm = "/exports/web";

    [Theory]
    [InlineData("Virtual Hard Disks/web.qcow2", "/exports/web/Virtual Hard Disks/web.qcow2")]
    [InlineData("Snapshots/a.vmstate", "/exports/web/Snapshots/a.vmstate")]
    [InlineData("./Virtual Hard Disks/../Virtual Hard Disks/web.qcow2", "/exports/web/Virtual Hard Disks/web.qcow2")]
    [InlineData("/elsewhere/disk.qcow2", "/elsewhere/disk.qcow2")]
    public void Resolve_RelativeAgainstTheVmFolder_AbsoluteAsItIs(string recorded, string expected) =>
        Assert.Equal(expected, ImportPaths.Resolve(recorded, Vm));

    [Fact]
    public void Find_RelativeAndMissing_NullWithoutLookingByName()
    {
        var exists = Exists("/exports/web/Virtual Hard Disks/other.qcow2");
        Assert.Null(ImportPaths.Find("Virtual Hard Disks/web.qcow2", ImportFileKind.HardDisk, Vm, exists));
    }

    [Theory]
    [InlineData(ImportFileKind.HardDisk, "/exports/web/Virtual Hard Disks/web.qcow2")]
    [InlineData(ImportFileKind.BackingFile, "/exports/web/Virtual Hard Disks/web.qcow2")]
    [InlineData(ImportFileKind.CheckpointState, null)]
    [InlineData(ImportFileKind.Media, null)]
    public void Find_AbsoluteAndMissing_SameNameInTheLocatedDisksFolder(ImportFileKind kind, string? expected)
    {
        var exists = Exists("/exports/web/Virtual Hard Disks/web.qcow2");
        Assert.Equal(expected, ImportPaths.Find("/old/host/web/Virtual Hard Disks/web.qcow2", kind, Vm, exists));
    }

    [Fact]
    public void Find_CheckpointStateMoved_SameNameInTheLocatedSnapshots()
    {
        var exists = Exists("/exports/web/Snapshots/a.vmstate");
        Assert.Equal("/exports/web/Snapshots/a.vmstate", ImportPaths.Find("/old/web/Snapshots/a.vmstate", ImportFileKind.CheckpointState, Vm, exists));
    }

    [Fact]
    public void Find_AbsoluteAndPresent_UsedAsItIs()
    {
        var exists = Exists("/old/web/web.qcow2", "/exports/web/Virtual Hard Disks/web.qcow2");
        Assert.Equal("/old/web/web.qcow2", ImportPaths.Find("/old/web/web.qcow2", ImportFileKind.HardDisk, Vm, exists));
    }

    [Fact]
    public void Find_LocationGiven_WinsAndMarksTheFixUpResolved()
    {
        var exists = Exists("/moved/web.qcow2", "/exports/web/Virtual Hard Disks/web.qcow2");
        var locations = new Dictionary<string, string> { ["Virtual Hard Disks/web.qcow2"] = "/moved/web.qcow2" };

        var found = ImportPaths.Find("Virtual Hard Disks/web.qcow2", ImportFileKind.HardDisk, "VM 'web'", Vm, locations, exists);

        Assert.Equal(("/moved/web.qcow2", true, false), (found.Found, found.ByRequest, found.Missing));
    }

    [Fact]
    public void Find_LocationGivenButAbsent_Missing()
    {
        var locations = new Dictionary<string, string> { ["Virtual Hard Disks/web.qcow2"] = "/moved/web.qcow2" };
        var found = ImportPaths.Find("Virtual Hard Disks/web.qcow2", ImportFileKind.HardDisk, "VM 'web'", Vm, locations, Exists());
        Assert.True(found.Missing);
    }

    [Theory]
    [InlineData(ImportFileKind.Media, true)]
    [InlineData(ImportFileKind.HardDisk, false)]
    public void Find_EmptyLocation_EjectsMediaOnly(ImportFileKind kind, bool ejected)
    {
        var locations = new Dictionary<string, string> { ["/iso/setup.iso"] = "" };
        var found = ImportPaths.Find("/iso/setup.iso", kind, "VM 'web'", Vm, locations, Exists());
        Assert.Equal((ejected, !ejected), (found.Ejected, found.Missing));
    }

    [Theory]
    [InlineData("/exports/web/Virtual Machines/1.json", "/exports/web")]
    [InlineData("/exports/loose/1.json", "/exports/loose")]
    public void VmFolderOf_TheParentOfVirtualMachines(string config, string expected) =>
        Assert.Equal(expected, ImportPaths.VmFolderOf(config));

    private static Func<string, bool> Exists(params string[] files) => files.Contains;
}
