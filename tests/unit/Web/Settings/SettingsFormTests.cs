using HvWeb.Engine.Model;
using HvWeb.Web.Components.Settings;

namespace HvWeb.Tests.Unit.Web.Settings;

public sealed class SettingsFormTests
{
    private static readonly VmDefinition Vm = new()
    {
        Id = Guid.NewGuid(),
        Name = "web01",
        Generation = VmGeneration.One,
        Com1PipeName = "serial",
        CheckpointType = CheckpointType.Production,
        NetworkAdapters = [new NetworkAdapterDefinition { Id = Guid.NewGuid(), MacAddress = "00-15-5D-00-00-01" }],
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Folder = "/srv/vms/web01",
    };

    [Fact]
    public void ToRequest_Unchanged_IsEmpty() =>
        Assert.Equal(new VmUpdateRequest(), SettingsForm.From(Vm).ToRequest(Vm));

    [Fact]
    public void ToRequest_ComPortSetToNone_SendsEmptyString()
    {
        var form = SettingsForm.From(Vm);
        form.Com1Attached = false;

        Assert.Equal(new VmUpdateRequest { Com1PipeName = "" }, form.ToRequest(Vm));
    }

    [Theory]
    [InlineData(true, true, null)]
    [InlineData(true, false, CheckpointType.ProductionOnly)]
    [InlineData(false, true, CheckpointType.Standard)]
    public void ToRequest_CheckpointChoices_MapToHyperVTypes(bool production, bool fallback, CheckpointType? expected)
    {
        var form = SettingsForm.From(Vm);
        form.ProductionCheckpoints = production;
        form.StandardFallback = fallback;

        Assert.Equal(expected, form.ToRequest(Vm).CheckpointType);
    }

    [Fact]
    public void ToRequest_VlanEnabled_SendsTheWholeAdapterList()
    {
        var form = SettingsForm.From(Vm);
        form.NetworkAdapters[0].VlanEnabled = true;
        form.NetworkAdapters[0].VlanId = 42;

        var adapters = form.ToRequest(Vm).NetworkAdapters!;

        Assert.Equal(Vm.NetworkAdapters[0] with { VlanId = 42 }, Assert.Single(adapters));
    }

    [Fact]
    public void LocalErrors_TwoDrivesOnOneLocation_NamesTheSecond()
    {
        var form = SettingsForm.From(Vm);
        form.Drives.Add(new DriveItem { Controller = ControllerType.Ide, ControllerNumber = 0, Location = 0, Path = "/a.qcow2" });
        form.Drives.Add(new DriveItem { Controller = ControllerType.Ide, ControllerNumber = 0, Location = 0, Path = "/b.qcow2" });

        var errors = form.LocalErrors();

        Assert.Equal(["Location 0 of IDE Controller 0 is already in use; choose another."], errors["drives[1].location"]);
    }
}
