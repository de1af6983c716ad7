using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The export plan (pure): relative paths, parents first, each file once, names kept, VHDX flattening, one checkpoint as a VM.</summary>
public sealed class ExportPlannerTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid VmId = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000000");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000000");

    private const string Base = "/vms/web/Virtual Hard Disks/web.qcow2";
    private const string OverA = "/vms/web/Virtual Hard Disks/web_aaaaaaaa-0000-0000-0000-000000000000.qcow2";
    private const string OverB = "/vms/web/Virtual Hard Disks/web_bbbbbbbb-0000-0000-0000-000000000000.qcow2";
    private const string Data = "/data/web.qcow2";

    private static VmDefinition Vm(params string[] disks) => new()
    {
        Id = VmId,
        Name = "web",
        CreatedUtc = Created,
        Folder = "/vms/web",
        CheckpointFileLocation = "/fast/checkpoints",
        ParentCheckpointId = B,
        Drives = [.. disks.Select((d, i) => new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 0, Location = i, Path = d }),
            new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Location = 0, Kind = DriveKind.Dvd, Path = "/isos/setup.iso" }],
    };

    private static Checkpoint Checkpoint(Guid id, Guid? parent, string frozen) => new()
    {
        Id = id, VmId = VmId, Name = id == A ? "A" : "B", Type = CheckpointKind.Production, CreatedUtc = Created, ParentId = parent,
        Settings = Vm(frozen),
        Disks = [new CheckpointDisk { Controller = ControllerType.Ide, Path = frozen }],
    };

    private static readonly Dictionary<string, DiskLayer> Layers = new()
    {
        [Base] = new DiskLayer(Base, "qcow2", null, 100, 1000),
        [OverA] = new DiskLayer(OverA, "qcow2", Base, 10, 1000),
        [OverB] = new DiskLayer(OverB, "qcow2", OverA, 20, 1000),
        [Data] = new DiskLayer(Data, "qcow2", null, 5, 1000),
    };

    private static ExportPlan Plan(VmState state, ExportRequest request, VmDefinition? vm = null) =>
        ExportPlanner.Plan(vm ?? Vm(OverB), state, [Checkpoint(A, null, Base), Checkpoint(B, A, OverA)], Layers, request, null, null, _ => 7);

    [Fact]
    public void Plan_RunningWithChain_ParentsFirstTopIsTheBackup_RelativePaths()
    {
        var plan = Plan(VmState.Running, new ExportRequest("/exports"));

        Assert.Equal([Base, OverA, OverB], plan.Disks.Select(d => d.Source.Path));
        Assert.Equal([ExportCopyKind.Copy, ExportCopyKind.Copy, ExportCopyKind.Backup], plan.Disks.Select(d => d.Kind));
        Assert.Equal([null, "web.qcow2", "web_aaaaaaaa-0000-0000-0000-000000000000.qcow2"], plan.Disks.Select(d => d.BackingTarget));
        Assert.Equal(130, plan.TotalBytes);
        Assert.Equal(".", plan.Config.Folder);
        Assert.Null(plan.Config.CheckpointFileLocation);
        Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(OverB)}", plan.Config.Drives[0].Path);
        Assert.Equal("/isos/setup.iso", plan.Config.Drives[1].Path);
        Assert.Equal(B, plan.Config.ParentCheckpointId);
        var b = plan.Checkpoints.Single(c => c.Id == B);
        Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(OverA)}", b.Disks[0].Path);
        Assert.Equal(b.Disks[0].Path, b.Settings.Drives[0].Path);
        Assert.Equal(".", b.Settings.Folder);
    }

    [Fact]
    public void Plan_Off_NothingIsABackup()
    {
        Assert.All(Plan(VmState.Off, new ExportRequest("/exports")).Disks, d => Assert.Equal(ExportCopyKind.Copy, d.Kind));
    }

    [Fact]
    public void Plan_TwoDisksWithTheSameFileName_SecondGetsASuffix()
    {
        var plan = Plan(VmState.Off, new ExportRequest("/exports"), Vm(OverB, Data));

        Assert.Equal("Virtual Hard Disks/web_2.qcow2", plan.Config.Drives[1].Path);
        Assert.Equal("Virtual Hard Disks/web.qcow2", plan.Disks.Single(d => d.Source.Path == Base).Target);
    }

    [Fact]
    public void Plan_Vhdx_OneFlattenedFilePerDisk_NoCheckpoints()
    {
        var plan = Plan(VmState.Running, new ExportRequest("/exports", DisksAsVhdx: true));

        var step = Assert.Single(plan.Disks);
        Assert.Equal(ExportCopyKind.Flatten, step.Kind);
        Assert.True(step.InUse);
        Assert.Equal(130, step.Bytes);
        Assert.Equal("Virtual Hard Disks/web_bbbbbbbb-0000-0000-0000-000000000000.vhdx", plan.Config.Drives[0].Path);
        Assert.Empty(plan.Checkpoints);
        Assert.Null(plan.Config.ParentCheckpointId);
    }

    [Fact]
    public void Plan_OneCheckpoint_ItsSettingsAndChainAsAVmOfItsOwn()
    {
        var plan = Plan(VmState.Running, new ExportRequest("/exports", CheckpointId: B));

        Assert.Equal([Base, OverA], plan.Disks.Select(d => d.Source.Path));
        Assert.All(plan.Disks, d => Assert.False(d.InUse));
        Assert.Equal(VmId, plan.Config.Id);
        Assert.Equal("web", plan.Config.Name);
        Assert.Null(plan.Config.ParentCheckpointId);
        Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(OverA)}", plan.Config.Drives[0].Path);
        Assert.Empty(plan.Checkpoints);
    }

    [Fact]
    public void Plan_UnknownCheckpoint_Throws()
    {
        Assert.Throws<CheckpointNotFoundException>(() => Plan(VmState.Off, new ExportRequest("/exports", CheckpointId: Guid.NewGuid())));
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("a/b", "a_b")]
    [InlineData("..", "_")]
    public void FolderName_SafeAsOnePathComponent(string name, string expected) => Assert.Equal(expected, ExportPlanner.FolderName(name));
}
