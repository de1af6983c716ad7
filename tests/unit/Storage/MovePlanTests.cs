using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The pure planning of a storage move: which file goes where, the chain rebase plan, the free-space rule.</summary>
public sealed class MovePlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private const string Disks = "/vms/web/Virtual Hard Disks";
    private static readonly DriveDefinition Drive = new() { Controller = ControllerType.Ide, Path = $"{Disks}/web_b.qcow2" };
    private static readonly DriveDefinition Dvd = new() { Controller = ControllerType.Ide, Location = 1, Kind = DriveKind.Dvd, Path = "/iso/install.iso" };
    private static readonly VmDefinition Vm = new() { Id = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001"), Name = "web", CreatedUtc = T0, Folder = "/vms/web", Drives = [Drive, Dvd] };
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000000");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000000");

    /// <summary>web.qcow2 ← web_a.qcow2 (frozen by A) ← web_b.qcow2 (Now, under B, which froze web_a); B has memory.</summary>
    private static readonly Checkpoint[] Checkpoints =
    [
        new() { Id = A, VmId = Vm.Id, Name = "A", Type = CheckpointKind.Production, CreatedUtc = T0, Settings = Vm, Disks = [new CheckpointDisk { Controller = ControllerType.Ide, Path = $"{Disks}/web.qcow2" }] },
        new()
        {
            Id = B, VmId = Vm.Id, Name = "B", Type = CheckpointKind.Standard, CreatedUtc = T0, ParentId = A, Settings = Vm with { Drives = [Drive with { Path = $"{Disks}/web_a.qcow2" }] },
            Disks = [new CheckpointDisk { Controller = ControllerType.Ide, Path = $"{Disks}/web_a.qcow2" }], SavedStateFile = $"/vms/web/Snapshots/{B:D}.vmstate",
        },
    ];

    private static readonly string Runtime = VmPaths.RuntimeFolder(Vm);
    private static readonly string[] RuntimeFiles = [$"{Runtime}/qemu.log", $"{Runtime}/serial.log", $"{Runtime}/{Vm.Id:D}.vmgs"];

    private static MoveLayout Layout(MoveStorageRequest request) => MoveLayout.Build(Vm, Checkpoints, RuntimeFiles, request);

    private static string To(MoveLayout layout, string from) => layout.Files.Single(f => f.From == from).To;

    [Fact]
    public void Build_AllToOneFolder_EveryFileUnderHyperVsFoldersAndRecordsRewritten()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: "/fast/web/"));

        Assert.Empty(layout.Errors);
        Assert.Equal("/fast/web", layout.After.Folder);
        Assert.Null(layout.After.CheckpointFileLocation);
        Assert.Equal("/fast/web/Virtual Hard Disks/web_b.qcow2", layout.After.Drives[0].Path);
        Assert.Equal("/iso/install.iso", layout.After.Drives[1].Path);
        Assert.Equal("/fast/web/Virtual Hard Disks/web.qcow2", To(layout, $"{Disks}/web.qcow2"));
        Assert.Equal(MoveFileKind.FrozenDisk, layout.Files.Single(f => f.From == $"{Disks}/web_a.qcow2").Kind);
        Assert.Equal($"/fast/web/Virtual Machines/{Vm.Id:D}/serial.log", To(layout, $"{Runtime}/serial.log"));
        Assert.Equal(MoveFileKind.FirmwareVars, layout.Files.Single(f => f.From.EndsWith(".vmgs", StringComparison.Ordinal)).Kind);
        Assert.Equal($"/fast/web/Snapshots/{B:D}.json", To(layout, $"/vms/web/Snapshots/{B:D}.json"));
        Assert.Equal($"/fast/web/Snapshots/{B:D}.vmstate", To(layout, $"/vms/web/Snapshots/{B:D}.vmstate"));
        var b = layout.Checkpoints.Single(c => c.Id == B);
        Assert.Equal("/fast/web/Virtual Hard Disks/web_a.qcow2", b.Disks.Single().Path);
        Assert.Equal($"/fast/web/Snapshots/{B:D}.vmstate", b.SavedStateFile);
        Assert.Equal("/fast/web/Virtual Hard Disks/web_a.qcow2", b.Settings.Drives.Single().Path);
        Assert.DoesNotContain(layout.Files, f => f.From == "/iso/install.iso");
    }

    [Fact]
    public void Build_EachItemOnlyConfiguration_CheckpointsAndDisksStay()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.EachItemOwnFolder, ConfigurationFolder: "/etc-vms/web"));

        Assert.Empty(layout.Errors);
        Assert.Equal("/etc-vms/web", layout.After.Folder);
        Assert.Equal("/vms/web/Snapshots", layout.After.CheckpointFileLocation);
        Assert.All(layout.Files.Where(f => f.IsDisk || f.Kind is MoveFileKind.CheckpointRecord or MoveFileKind.CheckpointState), f => Assert.False(f.Moves));
        Assert.All(layout.Files.Where(f => f.Kind is MoveFileKind.RuntimeFile or MoveFileKind.FirmwareVars), f => Assert.StartsWith("/etc-vms/web/Virtual Machines/", f.To, StringComparison.Ordinal));
        Assert.Equal("configurationFolder", layout.ConfigurationField);
    }

    [Fact]
    public void Build_DisksOnly_TheChainMovesWithItsDisk()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { [Drive.Path!] = "/ssd" }));

        Assert.Empty(layout.Errors);
        Assert.Equal(["/ssd/web.qcow2", "/ssd/web_a.qcow2", "/ssd/web_b.qcow2"], layout.Moving.Where(f => f.IsDisk).Select(f => f.To).Order());
        Assert.Equal("/vms/web", layout.After.Folder);
        Assert.All(layout.Files.Where(f => !f.IsDisk), f => Assert.False(f.Moves));
    }

    [Theory]
    [InlineData(MoveStorageMode.AllToOneFolder, null, "folder", "is required")]
    [InlineData(MoveStorageMode.AllToOneFolder, "vms/web", "folder", "must be an absolute path")]
    [InlineData(MoveStorageMode.AllToOneFolder, "/vms/web", "folder", "Nothing to move")]
    [InlineData(MoveStorageMode.DisksOnly, null, "diskFolders", "at least one virtual hard disk")]
    [InlineData(MoveStorageMode.EachItemOwnFolder, null, "request", "Nothing to move")]
    public void Build_BadOrEmptyRequest_RefusedUnderTheField(MoveStorageMode mode, string? folder, string field, string sentence)
    {
        var layout = Layout(new MoveStorageRequest(mode, Folder: folder));

        Assert.Contains(sentence, Assert.Single(layout.Errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownDiskOrRelativeDiskFolder_Refused()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { ["/elsewhere/x.qcow2"] = "/ssd", [Drive.Path!] = "ssd" }));

        Assert.Contains("is not a virtual hard disk of VM 'web'", layout.Errors["diskFolders"][0], StringComparison.Ordinal);
        Assert.Contains("must be an absolute path", layout.Errors[MoveLayout.DiskField(Drive.Path!)][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoDisksWithTheSameNameIntoOneFolder_Refused()
    {
        var vm = Vm with { Drives = [Drive with { Path = "/a/disk.qcow2" }, Drive with { Location = 1, Path = "/b/disk.qcow2" }] };
        var layout = MoveLayout.Build(vm, [], [], new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: "/c"));

        Assert.Contains("would both become '/c/Virtual Hard Disks/disk.qcow2'", Assert.Single(layout.Errors["folder"]), StringComparison.Ordinal);
    }

    private static Dictionary<string, MoveDiskFacts> Facts(bool relative = false) => new()
    {
        [$"{Disks}/web.qcow2"] = new("qcow2", 1 << 30, 300 << 20, null, null, false),
        [$"{Disks}/web_a.qcow2"] = new("qcow2", 1 << 30, 20 << 20, $"{Disks}/web.qcow2", "qcow2", relative),
        [$"{Disks}/web_b.qcow2"] = new("qcow2", 1 << 30, 5 << 20, $"{Disks}/web_a.qcow2", "qcow2", relative),
    };

    [Fact]
    public void Chains_EverythingMoves_OverlaysRebasedOntoTheirMovedParentsBaseLinked()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { [Drive.Path!] = "/ssd" }));
        var (steps, errors) = MoveChains.Plan(layout, Facts());

        Assert.Empty(errors);
        var byFile = steps.ToDictionary(s => Path.GetFileName(s.File.From));
        Assert.True(byFile["web.qcow2"].CanLink);
        Assert.Equal("/ssd/web.qcow2", byFile["web_a.qcow2"].RebaseOnto);
        Assert.Equal("/ssd/web_a.qcow2", byFile["web_b.qcow2"].RebaseOnto);
        Assert.Equal("/ssd/web_a.qcow2", MoveChains.NewParent(byFile["web_b.qcow2"], layout.Map));
    }

    [Fact]
    public void Chains_ParentOutsideTheVmStays_RelativeBackingRewrittenAbsolute()
    {
        // A user's differencing disk on a shared parent: the parent is not the VM's and stays; the child's relative name must become absolute.
        var vm = Vm with { Drives = [Drive with { Path = "/vms/web/child.qcow2" }] };
        var layout = MoveLayout.Build(vm, [], [], new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: "/ssd/web"));
        var facts = new Dictionary<string, MoveDiskFacts> { ["/vms/web/child.qcow2"] = new("qcow2", 1 << 30, 1 << 20, "/vms/parent.qcow2", "qcow2", true) };

        var (steps, _) = MoveChains.Plan(layout, facts);

        Assert.Equal("/vms/parent.qcow2", Assert.Single(steps).RebaseOnto);
        Assert.DoesNotContain(layout.Files, f => f.From == "/vms/parent.qcow2");
    }

    [Fact]
    public void Space_SameFileSystemOffline_LinksNeedNothing_LiveMirrorNeedsTheTopLayer()
    {
        var layout = Layout(new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { [Drive.Path!] = "/ssd" }));
        var (steps, _) = MoveChains.Plan(layout, Facts());
        var sizes = Facts().ToDictionary(f => f.Key, f => f.Value.ActualBytes);
        static string OneFileSystem(string path) => "/";

        // Offline: the base is linked; the two overlays are copied (their headers change).
        Assert.Equal(25L << 20, MoveSpace.Needed(layout, steps, sizes, live: false, OneFileSystem)["/"]);
        // Running: the top layer is mirrored as well.
        Assert.Equal(25L << 20, MoveSpace.Needed(layout, steps, sizes, live: true, OneFileSystem)["/"]);
        // Another file system: everything is copied.
        Assert.Equal(325L << 20, MoveSpace.Needed(layout, steps, sizes, live: false, p => p.StartsWith("/ssd", StringComparison.Ordinal) ? "/ssd" : "/")["/ssd"]);

        var refused = Assert.Throws<VmStateException>(() =>
            MoveSpace.Check(Vm, layout, steps, sizes, live: false, p => p.StartsWith("/ssd", StringComparison.Ordinal) ? "/ssd" : "/", _ => 100L << 20));
        Assert.Equal("Not enough free space to move the storage of VM 'web': the file system at '/ssd' needs 325 MB and has 100 MB free.", refused.Message);
    }

    [Fact]
    public void MountOf_LongestMountPointHoldingThePath()
    {
        string[] mounts = ["/", "/srv", "/srv/vms", "/srv/vms2"];

        Assert.Equal("/srv/vms", MoveFileSystems.MountOf("/srv/vms/web/disk.qcow2", mounts));
        Assert.Equal("/srv", MoveFileSystems.MountOf("/srv/vmsx", mounts));
        Assert.Equal("/", MoveFileSystems.MountOf("/home/x", mounts));
        Assert.Equal("/mnt/my disk", MoveFileSystems.ParseMountPoint(@"36 35 98:0 / /mnt/my\040disk rw,noatime master:1 - ext3 /dev/root rw"));
    }
}
