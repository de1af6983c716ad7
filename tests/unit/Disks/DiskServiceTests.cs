using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;

namespace HvWeb.Tests.Unit.Disks;

/// <summary>The rules of New Virtual Hard Disk and Edit Disk: sizes, formats, applicability, in-use and lock refusals.</summary>
public sealed class DiskServiceTests : IDisposable
{
    private const long GiB = 1L << 30;
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-disks-").FullName;
    private readonly FakeVmManager _vms = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DiskService Service() => new(_vms, new EngineOptions(), TimeProvider.System);

    private NewDiskRequest New(DiskFormat format, long? size, VirtualDiskType type = VirtualDiskType.Dynamic) => new()
    {
        Path = Path.Combine(_folder, "new" + DiskFormats.Extension(format)),
        Format = format,
        Type = type,
        SizeBytes = size,
    };

    [Fact]
    public void CheckCreate_VhdAt2040GiB_IsAccepted()
    {
        Assert.Empty(Service().CheckCreate(New(DiskFormat.Vhd, 2040 * GiB)));
    }

    [Fact]
    public void CheckCreate_VhdOver2040GiB_IsRefusedWithTheSentence()
    {
        var errors = Service().CheckCreate(New(DiskFormat.Vhd, 2040 * GiB + (1 << 20)));

        Assert.Equal(["A VHD disk can be at most 2040 GB; choose VHDX for a larger disk (up to 64 TB)."], errors["sizeBytes"]);
    }

    [Fact]
    public void CheckCreate_VhdxAt64TiB_IsAcceptedAndOverIsRefused()
    {
        Assert.Empty(Service().CheckCreate(New(DiskFormat.Vhdx, 64 * 1024 * GiB)));
        Assert.Equal(["A VHDX disk can be at most 64 TB."], Service().CheckCreate(New(DiskFormat.Vhdx, 65 * 1024 * GiB))["sizeBytes"]);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1048576L)]
    [InlineData(1048577L)]
    public void CheckCreate_SizeNotWholeMegabytes_IsRefused(long size)
    {
        Assert.Equal(["The size must be a whole number of MB greater than zero."], Service().CheckCreate(New(DiskFormat.Qcow2, size))["sizeBytes"]);
    }

    [Fact]
    public void CheckCreate_MissingSize_NamesTheField()
    {
        Assert.Equal(["Enter the size of the new disk."], Service().CheckCreate(New(DiskFormat.Vhdx, null))["sizeBytes"]);
    }

    [Fact]
    public void CheckCreate_WrongExtension_NamesTheFormat()
    {
        var request = New(DiskFormat.Vhdx, GiB) with { Path = Path.Combine(_folder, "disk.vhd") };

        Assert.Equal(["A VHDX disk's name must end in .vhdx."], Service().CheckCreate(request)["path"]);
    }

    [Fact]
    public void CheckCreate_RelativeOrExistingPath_IsRefused()
    {
        Assert.Equal(["'disk.vhdx' must be an absolute path."], Service().CheckCreate(New(DiskFormat.Vhdx, GiB) with { Path = "disk.vhdx" })["path"]);
        var existing = Path.Combine(_folder, "there.vhdx");
        File.WriteAllText(existing, "");
        Assert.Contains("already exists", Service().CheckCreate(New(DiskFormat.Vhdx, GiB) with { Path = existing })["path"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DiskFormat.Vhdx)]
    [InlineData(DiskFormat.Vhd)]
    public void CheckCreate_DifferencingVhdxOrVhd_IsRefusedWithTheReason(DiskFormat format)
    {
        var parent = Path.Combine(_folder, "parent.vhdx");
        File.WriteAllText(parent, "");
        var errors = Service().CheckCreate(New(format, null, VirtualDiskType.Differencing) with { ParentPath = parent });

        Assert.Equal(["QEMU cannot write VHDX or VHD differencing disks; choose qcow2 for a differencing disk (its parent can be a VHDX or VHD)."], errors["type"]);
        Assert.False(errors.ContainsKey("parentPath"));
    }

    [Fact]
    public void CheckCreate_DifferencingWithoutParent_NamesParentPath()
    {
        var errors = Service().CheckCreate(New(DiskFormat.Qcow2, null, VirtualDiskType.Differencing));

        Assert.Equal(["Enter the path of the parent disk."], errors["parentPath"]);
    }

    private static DiskDetails Disk(DiskFormat? format, VirtualDiskType type, long size = GiB) => new()
    {
        Path = "/d/disk",
        QemuFormat = format is null ? "raw" : DiskFormats.QemuName(format.Value),
        Format = format,
        Type = type,
        MaximumSizeBytes = size,
        Parents = type == VirtualDiskType.Differencing ? [new DiskChainEntry("/d/base.vhdx", "vhdx", size, size, true)] : [],
    };

    private static DiskDetails WithActions(DiskDetails disk, bool parentMissing = false) =>
        disk with { Actions = DiskService.Availability(disk, parentMissing) };

    [Fact]
    public void Availability_FixedVhdx_CannotBeCompactedShrunkMergedOrReconnected()
    {
        var actions = DiskService.Availability(Disk(DiskFormat.Vhdx, VirtualDiskType.Fixed), parentMissing: false).ToDictionary(a => a.Action);

        Assert.True(actions[DiskAction.Convert].Available);
        Assert.True(actions[DiskAction.Expand].Available);
        Assert.StartsWith("A fixed size disk already takes all its space", actions[DiskAction.Compact].Reason, StringComparison.Ordinal);
        Assert.Equal("qemu-img cannot resize a VHDX disk, so it cannot be shrunk here; convert it to qcow2 to shrink it.", actions[DiskAction.Shrink].Reason);
        Assert.Equal("Only a differencing disk can be merged.", actions[DiskAction.Merge].Reason);
        Assert.Equal("Only a differencing disk has a parent to reconnect.", actions[DiskAction.Reconnect].Reason);
    }

    [Fact]
    public void Availability_DifferencingQcow2_AllActions()
    {
        Assert.All(DiskService.Availability(Disk(DiskFormat.Qcow2, VirtualDiskType.Differencing), parentMissing: false), a => Assert.True(a.Available));
    }

    [Fact]
    public void Availability_MissingParent_OnlyReconnectAndNotConvert()
    {
        var actions = DiskService.Availability(Disk(DiskFormat.Qcow2, VirtualDiskType.Differencing), parentMissing: true);

        Assert.Equal([DiskAction.Reconnect], actions.Where(a => a.Available).Select(a => a.Action));
    }

    [Fact]
    public void CheckEdit_ExpandSmaller_IsRefusedAndPointsToShrink()
    {
        var disk = WithActions(Disk(DiskFormat.Qcow2, VirtualDiskType.Dynamic, 2 * GiB));
        var errors = Service().CheckEdit(new EditDiskRequest { Path = "/d/disk", Action = DiskAction.Expand, NewSizeBytes = GiB }, disk);

        Assert.Equal(["Expand makes a disk larger: enter more than its current maximum size (2 GB); use Shrink to make it smaller."], errors["newSizeBytes"]);
    }

    [Fact]
    public void CheckEdit_ExpandVhdBeyondItsLimit_IsRefused()
    {
        var disk = WithActions(Disk(DiskFormat.Vhd, VirtualDiskType.Dynamic));
        var errors = Service().CheckEdit(new EditDiskRequest { Path = "/d/disk", Action = DiskAction.Expand, NewSizeBytes = 2041 * GiB }, disk);

        Assert.Equal(["A VHD disk can be at most 2040 GB; choose VHDX for a larger disk (up to 64 TB)."], errors["newSizeBytes"]);
    }

    [Fact]
    public void CheckEdit_ActionThatDoesNotApply_GivesItsReasonUnderAction()
    {
        var disk = WithActions(Disk(DiskFormat.Vhd, VirtualDiskType.Dynamic));
        var errors = Service().CheckEdit(new EditDiskRequest { Path = "/d/disk", Action = DiskAction.Shrink, NewSizeBytes = 1 << 20 }, disk);

        Assert.Equal(["qemu-img cannot resize a VHD disk, so it cannot be shrunk here; convert it to qcow2 to shrink it."], errors["action"]);
    }

    [Fact]
    public void CheckEdit_ConvertToVhd_TooLargeForVhd()
    {
        var disk = WithActions(Disk(DiskFormat.Vhdx, VirtualDiskType.Dynamic, 3000 * GiB));
        var errors = Service().CheckEdit(new EditDiskRequest
        {
            Path = "/d/disk", Action = DiskAction.Convert, Format = DiskFormat.Vhd, Type = VirtualDiskType.Dynamic,
            DestinationPath = Path.Combine(_folder, "out.vhd"),
        }, disk);

        Assert.Equal(["The disk's maximum size (3000 GB) is more than a VHD can hold (2040 GB)."], errors["format"]);
    }

    [Theory]
    [InlineData(VmState.Running, "which is Running. Turn the VM off first.")]
    [InlineData(VmState.Saved, "which is Saved: its saved state depends on this disk.")]
    public async Task ValidateEdit_DiskOfARunningOrSavedVm_IsRefusedAsInUse(VmState state, string expected)
    {
        var path = Path.Combine(_folder, "used.qcow2");
        await Service().CreateAsync(New(DiskFormat.Qcow2, 16 << 20) with { Path = path }, new Progress<HvWeb.Engine.Vms.OperationProgress>(), CancellationToken.None);
        _vms.With(new VmSnapshotBuilder().Named("web01").In(state)
            .WithDrives(new DriveDefinition { Controller = ControllerType.Scsi, Path = path }).Build());

        var refused = await Assert.ThrowsAsync<VmStateException>(() => Service().ValidateEditAsync(
            new EditDiskRequest { Path = path, Action = DiskAction.Expand, NewSizeBytes = 32 << 20 }, CancellationToken.None));

        Assert.Contains($"The disk '{path}' is in use by virtual machine 'web01', {expected}", refused.Message, StringComparison.Ordinal);
        var details = await Service().InspectAsync(path, CancellationToken.None);
        Assert.Equal($"web01 ({state})", details.InUseBy);
    }

    [Fact]
    public async Task ValidateEdit_DiskOfAnOffVm_IsAllowed()
    {
        var path = Path.Combine(_folder, "off.qcow2");
        await Service().CreateAsync(New(DiskFormat.Qcow2, 16 << 20) with { Path = path }, new Progress<HvWeb.Engine.Vms.OperationProgress>(), CancellationToken.None);
        _vms.With(new VmSnapshotBuilder().In(VmState.Off).WithDrives(new DriveDefinition { Controller = ControllerType.Scsi, Path = path }).Build());

        await Service().ValidateEditAsync(new EditDiskRequest { Path = path, Action = DiskAction.Expand, NewSizeBytes = 32 << 20 }, CancellationToken.None);
    }

    [Fact]
    public void QemuImgLockError_BecomesAnInUseRefusal()
    {
        var failure = QemuImgRunner.Failure(["commit"], "qemu-img: Could not open '/d/a.qcow2': Failed to get \"write\" lock\nIs another process using the image [/d/a.qcow2]?", 1);

        var state = Assert.IsType<VmStateException>(failure);
        Assert.StartsWith("The disk is in use by another program (a running virtual machine holds it open)", state.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QemuImgOtherError_KeepsItsOwnWords()
    {
        Assert.Equal("qemu-img: nope", Assert.IsType<VmOperationException>(QemuImgRunner.Failure(["info"], "qemu-img: nope", 1)).Message);
    }

    [Fact]
    public void HighestDataOffset_OnlyThisFilesData()
    {
        const string map = """
            [{ "start": 0, "length": 1048576, "depth": 0, "present": true, "zero": false, "data": true},
             { "start": 1048576, "length": 4194304, "depth": 0, "present": false, "zero": true, "data": false},
             { "start": 5242880, "length": 1048576, "depth": 1, "present": true, "zero": false, "data": true}]
            """;

        Assert.Equal(1048576, DiskService.HighestDataOffset(map));
    }

    [Fact]
    public void NoSpaceSentence_SaysNeededAndFree()
    {
        Assert.Equal("Not enough free space in '/d': this needs about 10 GB and 2.5 GB is free. Nothing was changed.",
            DiskService.NoSpaceSentence("/d", 10 * GiB, 5 * GiB / 2));
    }
}
