using HvWeb.Engine.Disks;

namespace HvWeb.Tests.Unit.Disks;

/// <summary>The exact qemu-img argument arrays of every disk operation (golden-like: a change here is a change of behaviour).</summary>
public sealed class DiskArgumentsTests
{
    [Theory]
    [InlineData(DiskFormat.Vhdx, VirtualDiskType.Fixed, "vhdx", "subformat=fixed")]
    [InlineData(DiskFormat.Vhdx, VirtualDiskType.Dynamic, "vhdx", "subformat=dynamic")]
    [InlineData(DiskFormat.Vhd, VirtualDiskType.Fixed, "vpc", "subformat=fixed,force_size=on")]
    [InlineData(DiskFormat.Vhd, VirtualDiskType.Dynamic, "vpc", "subformat=dynamic,force_size=on")]
    [InlineData(DiskFormat.Qcow2, VirtualDiskType.Fixed, "qcow2", "preallocation=full")]
    [InlineData(DiskFormat.Qcow2, VirtualDiskType.Dynamic, "qcow2", "preallocation=off")]
    public void CreateDisk_EachFormatAndType(DiskFormat format, VirtualDiskType type, string qemuFormat, string options)
    {
        Assert.Equal(
            ["create", "-f", qemuFormat, "-o", options, "/d/New Disk.x.partial", "10737418240"],
            QemuImgArguments.CreateDisk("/d/New Disk.x.partial", format, type, 10L << 30));
    }

    [Fact]
    public void CreateDifferencing_NamesTheParentAndItsFormat()
    {
        Assert.Equal(
            ["create", "-f", "qcow2", "-b", "/d/base.vhdx", "-F", "vhdx", "/d/child.qcow2"],
            QemuImgArguments.CreateDifferencing("/d/child.qcow2", "/d/base.vhdx", "vhdx"));
    }

    [Fact]
    public void Convert_WithProgress_FormatAndType()
    {
        Assert.Equal(
            ["convert", "-p", "-f", "vhdx", "-O", "vpc", "-o", "subformat=fixed,force_size=on", "/d/a.vhdx", "/d/b.vhd.partial"],
            QemuImgArguments.Convert("/d/a.vhdx", "vhdx", "/d/b.vhd.partial", DiskFormat.Vhd, VirtualDiskType.Fixed));
    }

    [Fact]
    public void ConvertKeepingParent_WritesOnlyWhatDiffers()
    {
        Assert.Equal(
            ["convert", "-p", "-f", "qcow2", "-O", "qcow2", "-B", "/d/base.vhd", "-F", "vpc", "/d/c.qcow2", "/d/c.qcow2.partial"],
            QemuImgArguments.ConvertKeepingParent("/d/c.qcow2", "/d/c.qcow2.partial", "/d/base.vhd", "vpc"));
    }

    [Fact]
    public void ConvertInto_DoesNotCreate()
    {
        Assert.Equal(
            ["convert", "-p", "-n", "-f", "vhdx", "-O", "vhdx", "/d/a.vhdx", "/d/a.vhdx.partial"],
            QemuImgArguments.ConvertInto("/d/a.vhdx", "vhdx", "/d/a.vhdx.partial", DiskFormat.Vhdx));
    }

    [Fact]
    public void Resize_ExpandAndShrink()
    {
        Assert.Equal(["resize", "-f", "qcow2", "/d/a.qcow2", "2147483648"], QemuImgArguments.Resize("/d/a.qcow2", 2L << 30, shrink: false));
        Assert.Equal(["resize", "--shrink", "-f", "qcow2", "/d/a.qcow2", "1048576"], QemuImgArguments.Resize("/d/a.qcow2", 1L << 20, shrink: true));
    }

    [Fact]
    public void Commit_Rebase_InfoChain_Map()
    {
        Assert.Equal(["commit", "-p", "-f", "qcow2", "/d/c.qcow2"], QemuImgArguments.Commit("/d/c.qcow2"));
        Assert.Equal(["rebase", "-u", "-f", "qcow2", "-b", "/e/base.vhdx", "-F", "vhdx", "/d/c.qcow2"],
            QemuImgArguments.Rebase("/d/c.qcow2", "/e/base.vhdx", "vhdx"));
        Assert.Equal(["info", "--output=json", "--backing-chain", "-U", "-f", "vpc", "/d/a.vhd"], QemuImgArguments.InfoChain("/d/a.vhd"));
        Assert.Equal(["info", "--output=json", "--backing-chain", "-U", "/d/a.vhdx"], QemuImgArguments.InfoChain("/d/a.vhdx"));
        Assert.Equal(["map", "--output=json", "-f", "qcow2", "/d/a.qcow2"], QemuImgArguments.Map("/d/a.qcow2"));
    }

    [Theory]
    [InlineData("    (0.00/100%)\r", 0)]
    [InlineData("    (0.00/100%)\r    (12.50/100%)\r    (37.51/100%)\r", 37)]
    [InlineData("    (100.00/100%)\r", 100)]
    [InlineData("(99.99/100%)", 99)]
    public void Progress_LastPercentageOfTheChunk(string output, int expected)
    {
        Assert.Equal(expected, QemuImgProgress.Parse(output));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Image resized.\n")]
    [InlineData("    (12.")]
    public void Progress_NoneWithoutAPercentage(string output)
    {
        Assert.Null(QemuImgProgress.Parse(output));
    }
}
