using HvWeb.Engine.Disks;
using HvWeb.Engine.Model;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class QemuImgArgumentsTests
{
    [Fact]
    public void Create_Fixed_PreallocatesFully()
    {
        Assert.Equal(
            ["create", "-f", "qcow2", "-o", "preallocation=full", "/vms/a, b/disk.qcow2", "1073741824"],
            QemuImgArguments.Create("/vms/a, b/disk.qcow2", 1L << 30, NewDiskType.Fixed));
    }

    [Fact]
    public void Create_Dynamic_IsSparse()
    {
        Assert.Contains("preallocation=off", QemuImgArguments.Create("/d.qcow2", 1L << 30, NewDiskType.Dynamic));
    }

    [Fact]
    public void Create_RelativePath_IsMadeAbsoluteSoAColonIsNoProtocol()
    {
        var args = QemuImgArguments.Create("nbd:disk.qcow2", 512, NewDiskType.Dynamic);

        Assert.True(Path.IsPathRooted(args[5]));
    }

    [Theory]
    [InlineData("/x/old.vhd", "vpc")]
    [InlineData("/x/OLD.VHD", "vpc")]
    [InlineData("/x/new.vhdx", null)]
    [InlineData("/x/disk.qcow2", null)]
    public void FormatHint_Extension_NamesVpcForVhdOnly(string path, string? expected)
    {
        Assert.Equal(expected, QemuImgArguments.FormatHint(path));
    }

    [Fact]
    public void Info_Vhd_PassesFormatAndForceShare()
    {
        Assert.Equal(["info", "--output=json", "-U", "-f", "vpc", "/x/old.vhd"], QemuImgArguments.Info("/x/old.vhd"));
    }

    [Fact]
    public void ConvertToQcow2_NamesSourceFormat()
    {
        Assert.Equal(
            ["convert", "-f", "vhdx", "-O", "qcow2", "/x/a.vhdx", "/y/a.qcow2"],
            QemuImgArguments.ConvertToQcow2("/x/a.vhdx", "vhdx", "/y/a.qcow2"));
    }
}
