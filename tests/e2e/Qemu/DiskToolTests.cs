using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Tests.E2e.Qemu;

public sealed class DiskToolTests : IDisposable
{
    private const long Size = 64L << 20;
    private readonly TempFolder _folder = new("hvd");
    private readonly DiskTool _disks = new(new EngineOptions());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CreateAsync_FixedAndDynamic_FixedIsReallyAllocated()
    {
        var fixedDisk = _folder.File("fixed, one.qcow2");
        var dynamicDisk = _folder.File("dynamic.qcow2");

        await _disks.CreateAsync(fixedDisk, Size, NewDiskType.Fixed, CancellationToken.None);
        await _disks.CreateAsync(dynamicDisk, Size, NewDiskType.Dynamic, CancellationToken.None);
        var fixedInfo = await _disks.InspectAsync(fixedDisk, CancellationToken.None);
        var dynamicInfo = await _disks.InspectAsync(dynamicDisk, CancellationToken.None);

        Assert.Equal(new DiskInfo("qcow2", Size, fixedInfo.ActualSizeBytes, null), fixedInfo);
        Assert.Equal("qcow2", dynamicInfo.Format);
        Assert.Equal(Size, dynamicInfo.VirtualSizeBytes);
        Assert.True(fixedInfo.ActualSizeBytes >= Size, $"fixed disk takes only {fixedInfo.ActualSizeBytes} bytes");
        Assert.True(dynamicInfo.ActualSizeBytes < 2L << 20, $"dynamic disk takes {dynamicInfo.ActualSizeBytes} bytes");
    }

    [Fact]
    public async Task CreateAsync_ExistingFile_RefusesAndKeepsIt()
    {
        var path = _folder.File("taken.qcow2");
        await File.WriteAllTextAsync(path, "precious");

        await Assert.ThrowsAsync<VmValidationException>(() => _disks.CreateAsync(path, Size, NewDiskType.Dynamic, CancellationToken.None));

        Assert.Equal("precious", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task InspectAsync_Differencing_ReportsBackingFile()
    {
        var parent = _folder.File("parent.qcow2");
        var child = _folder.File("child.qcow2");
        await _disks.CreateAsync(parent, Size, NewDiskType.Dynamic, CancellationToken.None);
        await QemuImgAsync("create", "-f", "qcow2", "-F", "qcow2", "-b", parent, child);

        var info = await _disks.InspectAsync(child, CancellationToken.None);

        Assert.Equal(parent, info.BackingFile);
    }

    [Fact]
    public async Task InspectAsync_MissingFile_ThrowsWithQemuImgWords()
    {
        var error = await Assert.ThrowsAsync<VmOperationException>(() => _disks.InspectAsync(_folder.File("none.qcow2"), CancellationToken.None));

        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyAsync_FixedVhd_BecomesQcow2OfTheSameSize()
    {
        var vhd = _folder.File("legacy.vhd");
        var copy = _folder.File("Virtual Hard Disks/legacy.qcow2");
        await QemuImgAsync("create", "-f", "vpc", "-o", "subformat=fixed,force_size=on", vhd, Size.ToString());

        await _disks.CopyAsync(vhd, copy, CancellationToken.None);
        var info = await _disks.InspectAsync(copy, CancellationToken.None);

        Assert.Equal("qcow2", info.Format);
        Assert.Equal(Size, info.VirtualSizeBytes);
        Assert.Equal("vpc", (await _disks.InspectAsync(vhd, CancellationToken.None)).Format);
    }

    [Fact]
    public async Task CopyAsync_Vhdx_BecomesQcow2()
    {
        var vhdx = _folder.File("new.vhdx");
        var copy = _folder.File("new.qcow2");
        await QemuImgAsync("create", "-f", "vhdx", vhdx, Size.ToString());

        await _disks.CopyAsync(vhdx, copy, CancellationToken.None);

        Assert.Equal(new DiskInfo("qcow2", Size, (await _disks.InspectAsync(copy, CancellationToken.None)).ActualSizeBytes, null),
            await _disks.InspectAsync(copy, CancellationToken.None));
    }

    [Fact]
    public async Task CopyAsync_UnreadableSource_ThrowsAndLeavesNoDestination()
    {
        var vhd = _folder.File("garbage.vhd");
        var copy = _folder.File("garbage.qcow2");
        await File.WriteAllTextAsync(vhd, "not a disk");

        await Assert.ThrowsAsync<VmOperationException>(() => _disks.CopyAsync(vhd, copy, CancellationToken.None));

        Assert.False(File.Exists(copy));
    }

    private static async Task QemuImgAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("qemu-img", arguments, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }
}
