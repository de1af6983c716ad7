using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Wizard;

namespace HvWeb.Tests.Unit.Web.Wizard;

public sealed class NewVmWizardModelTests
{
    private readonly NewVmWizardModel _model = new("/srv/vms", null);

    [Fact]
    public void ToRequest_Defaults_HyperVDefaultsWithA127GbDynamicDisk()
    {
        var request = _model.ToRequest();

        Assert.Equal("New Virtual Machine", request.Name);
        Assert.Equal(VmGeneration.One, request.Generation);
        Assert.Equal("8.0", request.Version);
        Assert.Equal(1024, request.MemoryStartupMb);
        Assert.False(request.DynamicMemoryEnabled);
        Assert.Null(request.Location);
        Assert.Null(request.SwitchName);
        Assert.Equal(127, request.NewDiskSizeGb);
        Assert.Equal(NewDiskType.Dynamic, request.NewDiskType);
        Assert.Null(request.NewDiskName);
        Assert.Null(request.IsoPath);
        Assert.False(request.InstallFromNetwork);
    }

    [Fact]
    public void DiskName_FollowsTheVmNameUntilTyped()
    {
        _model.Name = "web01";
        Assert.Equal("web01.qcow2", _model.DiskName);
        Assert.Equal("/srv/vms/web01/Virtual Hard Disks", _model.DiskLocation);

        _model.DiskName = "data.qcow2";
        _model.Name = "web02";

        Assert.Equal("data.qcow2", _model.DiskName);
        Assert.Equal("data.qcow2", _model.ToRequest().NewDiskName);
    }

    [Fact]
    public void DiskLocation_HostDiskFolder_UsedUnlessTheVmIsStoredElsewhere()
    {
        var model = new NewVmWizardModel("/srv/vms", "/srv/disks");
        Assert.Equal("/srv/disks", model.DiskLocation);

        model.StoreElsewhere = true;
        model.Location = "/data";
        model.Name = "db";

        Assert.Equal("/data/db/Virtual Hard Disks", model.DiskLocation);
        Assert.Equal("/data", model.ToRequest().Location);
    }

    [Fact]
    public void ToRequest_OnlyTheChosenOptionsAreSent()
    {
        _model.Disk = DiskChoice.AttachLater;
        _model.ExistingDiskPath = "/x.qcow2";
        _model.Install = InstallChoice.FromNetwork;
        _model.IsoPath = "/x.iso";

        var request = _model.ToRequest();

        Assert.Null(request.NewDiskSizeGb);
        Assert.Null(request.ExistingDiskPath);
        Assert.Null(request.IsoPath);
        Assert.True(request.InstallFromNetwork);
    }

    [Fact]
    public void Check_ErrorsLandOnThePageThatOwnsTheField()
    {
        _model.Name = "";
        _model.MemoryStartupMb = 3;

        var errors = _model.Check(new FakeVmManager());

        Assert.False(NewVmWizardModel.IsValid(WizardPage.NameAndLocation, errors));
        Assert.False(NewVmWizardModel.IsValid(WizardPage.Memory, errors));
        Assert.True(NewVmWizardModel.IsValid(WizardPage.Generation, errors));
        Assert.False(NewVmWizardModel.IsValid(WizardPage.Summary, errors));
    }

    [Fact]
    public void FieldsOf_EveryPageIsCovered()
    {
        foreach (var page in Enum.GetValues<WizardPage>())
        {
            _ = NewVmWizardModel.FieldsOf(page);
        }

        Assert.Contains("isoPath", NewVmWizardModel.FieldsOf(WizardPage.InstallationOptions));
    }
}
