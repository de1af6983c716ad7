using HvWeb.Web.Components.Wizard;

namespace HvWeb.Tests.Unit.Web.Disks;

/// <summary>The New VM wizard's "Use an existing virtual hard disk" with a .vhdx / .vhd: converted to qcow2 by the create job (copyDiskFrom).</summary>
public sealed class ExistingHyperVDiskTests
{
    private static NewVmWizardModel Model(string path) => new("/srv/vms", null)
    {
        Name = "web01",
        Disk = DiskChoice.UseExisting,
        ExistingDiskPath = path,
    };

    [Theory]
    [InlineData("/d/old.vhdx")]
    [InlineData("/d/OLD.VHD")]
    public void HyperVDisk_ConvertedByDefault_SentAsCopyDiskFrom(string path)
    {
        var request = Model(path).ToRequest();

        Assert.Equal(path, request.CopyDiskFrom);
        Assert.Null(request.ExistingDiskPath);
    }

    [Fact]
    public void HyperVDisk_ConvertUnchecked_SentAsExistingAndRefusedByTheServer()
    {
        var model = Model("/d/old.vhdx");
        model.ConvertExistingToQcow2 = false;

        var request = model.ToRequest();

        Assert.Equal("/d/old.vhdx", request.ExistingDiskPath);
        Assert.Null(request.CopyDiskFrom);
    }

    [Fact]
    public void Qcow2Disk_AttachedAsItIs()
    {
        var request = Model("/d/disk.qcow2").ToRequest();

        Assert.Equal("/d/disk.qcow2", request.ExistingDiskPath);
        Assert.Null(request.CopyDiskFrom);
    }
}
