using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Engine.Vms.Settings;

namespace HvWeb.Tests.Unit.Vms.Settings;

/// <summary>Hyper-V's ranges, impossible combinations and version gates, as CheckUpdate reports them (400).</summary>
public sealed class SettingsRulesTests : IDisposable
{
    private readonly VmRequestValidator _validator = new(hostProcessors: 2, hostMemoryMb: 4096);
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-rules-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static VmDefinition Vm(VmGeneration generation = VmGeneration.Two) => new()
    {
        Id = Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"),
        Name = "web01",
        Generation = generation,
        MemoryStartupMb = 1024,
        ScsiControllerCount = generation == VmGeneration.One ? 0 : 1,
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Folder = "/srv/vms/web01",
    };

    private string File(string name)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, [0]);
        return path;
    }

    private IReadOnlyDictionary<string, string[]> Check(VmDefinition vm, VmUpdateRequest request) =>
        _validator.CheckUpdate(vm, request).ToDictionary();

    private static NetworkAdapterDefinition Adapter(bool legacy = false) => new() { Id = Guid.NewGuid(), Legacy = legacy };

    [Fact]
    public void Gen2_IdeDrive_RefusedNamingTheDrive()
    {
        var errors = Check(Vm(), new VmUpdateRequest { Drives = [new DriveDefinition { Controller = ControllerType.Ide, Kind = DriveKind.Dvd }] });
        Assert.Contains("no IDE controller", errors["drives[0].controller"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Gen2_LegacyAdapterComAndFloppy_Refused()
    {
        var errors = Check(Vm(), new VmUpdateRequest { NetworkAdapters = [Adapter(legacy: true)], Com1PipeName = "a", FloppyPath = File("a.vfd") });
        Assert.Contains("networkAdapters[0].legacy", errors.Keys);
        Assert.Contains("com1PipeName", errors.Keys);
        Assert.Contains("floppyPath", errors.Keys);
    }

    [Fact]
    public void Gen1_SecureBoot_Refused() =>
        Assert.Contains("generation 2 setting", Check(Vm(VmGeneration.One), new VmUpdateRequest { SecureBoot = true })["secureBoot"][0], StringComparison.Ordinal);

    [Fact]
    public void Gen1_LegacyAdapterComFloppyAndScsiDvd_Accepted()
    {
        var request = new VmUpdateRequest
        {
            NetworkAdapters = [Adapter(legacy: true), Adapter()],
            Com1PipeName = @"\\.\pipe\web01-com1",
            Com2PipeName = "web01-com2",
            FloppyPath = File("boot.vfd"),
            ScsiControllerCount = 1,
            Drives = [new DriveDefinition { Controller = ControllerType.Scsi, Kind = DriveKind.Dvd }],
        };
        Assert.Empty(Check(Vm(VmGeneration.One), request));
    }

    [Theory]
    [InlineData(256, 512, 2048)]
    [InlineData(4096, 512, 2048)]
    public void DynamicMemory_StartupOutsideMinMax_Refused(int startup, int min, int max)
    {
        var errors = Check(Vm(), new VmUpdateRequest { DynamicMemoryEnabled = true, MemoryStartupMb = startup, MemoryMinimumMb = min, MemoryMaximumMb = max });
        Assert.Contains("between the minimum", errors["memoryStartupMb"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void StaticMemory_MinMaxNotChecked() =>
        Assert.Empty(Check(Vm(), new VmUpdateRequest { MemoryStartupMb = 2048, MemoryMinimumMb = 512, MemoryMaximumMb = 1024 }));

    [Theory]
    [InlineData(nameof(VmUpdateRequest.MemoryBufferPercent), 4, "memoryBufferPercent")]
    [InlineData(nameof(VmUpdateRequest.MemoryBufferPercent), 2001, "memoryBufferPercent")]
    [InlineData(nameof(VmUpdateRequest.MemoryWeight), 10001, "memoryWeight")]
    [InlineData(nameof(VmUpdateRequest.ProcessorWeight), 0, "processorWeight")]
    [InlineData(nameof(VmUpdateRequest.ProcessorLimitPercent), 101, "processorLimitPercent")]
    [InlineData(nameof(VmUpdateRequest.ProcessorReservePercent), -1, "processorReservePercent")]
    [InlineData(nameof(VmUpdateRequest.ProcessorCount), 3, "processorCount")]
    [InlineData(nameof(VmUpdateRequest.ScsiControllerCount), 5, "scsiControllerCount")]
    public void OutOfRange_RefusedOnItsField(string property, int value, string field)
    {
        var request = new VmUpdateRequest();
        typeof(VmUpdateRequest).GetProperty(property)!.SetValue(request, value);
        Assert.Contains(field, Check(Vm(), request).Keys);
    }

    [Fact]
    public void ReserveAboveLimit_Refused() =>
        Assert.Contains("cannot be more than the limit", Check(Vm(), new VmUpdateRequest { ProcessorReservePercent = 60, ProcessorLimitPercent = 50 })["processorReservePercent"][0], StringComparison.Ordinal);

    [Fact]
    public void DriveOnMissingScsiController_Refused()
    {
        var disk = File("d.qcow2");
        var errors = Check(Vm(), new VmUpdateRequest { Drives = [new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 1, Path = disk }] });
        Assert.Contains("SCSI controller 1 does not exist", errors["drives[0].controllerNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateSlotAndIdeBeyond2x2_Refused()
    {
        var vm = Vm(VmGeneration.One);
        var errors = Check(vm, new VmUpdateRequest
        {
            Drives =
            [
                new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Location = 0, Kind = DriveKind.Dvd },
                new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Location = 0, Kind = DriveKind.Dvd },
                new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 2, Location = 0, Kind = DriveKind.Dvd },
            ],
        });
        Assert.Contains("already in use", errors["drives[1].location"][0], StringComparison.Ordinal);
        Assert.Contains("IDE 2:0 does not exist", errors["drives[2].location"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    public void VlanOutOfRange_Refused(int vlan) =>
        Assert.Contains("networkAdapters[0].vlanId", Check(Vm(), new VmUpdateRequest { NetworkAdapters = [Adapter() with { VlanId = vlan }] }).Keys);

    [Theory]
    [InlineData("00:15:5D:01:02:03")]
    [InlineData("00-15-5D-01-02")]
    [InlineData("01-15-5D-01-02-03")]
    [InlineData("00-00-00-00-00-00")]
    public void BadStaticMac_Refused(string mac) =>
        Assert.Contains("networkAdapters[0].macAddress", Check(Vm(), new VmUpdateRequest { NetworkAdapters = [Adapter() with { StaticMacAddress = true, MacAddress = mac }] }).Keys);

    [Fact]
    public void StaticMac_Accepted() =>
        Assert.Empty(Check(Vm(), new VmUpdateRequest { NetworkAdapters = [Adapter() with { StaticMacAddress = true, MacAddress = "00-15-5D-01-02-03" }] }));

    [Fact]
    public void UnknownSwitch_SaysChooseNotConnected() =>
        Assert.Equal(
            "Virtual switch 'External' does not exist on this host; choose an existing virtual switch (Virtual Switch Manager) or Not Connected.",
            Check(Vm(), new VmUpdateRequest { NetworkAdapters = [Adapter() with { SwitchName = "External" }] })["networkAdapters[0].switchName"][0]);

    [Fact]
    public void ProductionCheckpointsBelow62_RefusedWithTheVersionNeeded()
    {
        var old = Vm() with { Version = new ConfigurationVersion(5, 0), CheckpointType = CheckpointType.Standard };
        var message = Check(old, new VmUpdateRequest { CheckpointType = CheckpointType.Production })["checkpointType"][0];
        Assert.Contains("need configuration version 6.2", message, StringComparison.Ordinal);
        Assert.Empty(Check(old with { Version = new ConfigurationVersion(6, 2) }, new VmUpdateRequest { CheckpointType = CheckpointType.Production }));
    }

    [Fact]
    public void MoreThan1TbMaximumBelow80_RefusedWithTheVersionNeeded()
    {
        var old = Vm() with { Version = new ConfigurationVersion(7, 1) };
        var errors = Check(old, new VmUpdateRequest { DynamicMemoryEnabled = true, MemoryMinimumMb = 512, MemoryMaximumMb = 2 * 1024 * 1024 });
        Assert.Contains("need configuration version 8.0", errors["memoryMaximumMb"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void UnchangedOldProblems_AreNotBlamedOnTheRequest()
    {
        var broken = Vm() with { ProcessorCount = 8 };
        Assert.Empty(Check(broken, new VmUpdateRequest { Notes = "hello" }));
    }

    [Fact]
    public void Create_UnknownSwitchAndTwoDiskChoices_Refused()
    {
        var errors = Assert.Throws<HvWeb.Engine.Errors.VmValidationException>(() => _validator.ValidateCreate(new VmCreateRequest
        {
            Name = "web01",
            MemoryStartupMb = 512,
            SwitchName = "x",
            NewDiskSizeGb = 1,
            ExistingDiskPath = File("e.qcow2"),
            NewDiskName = "sub/dir.qcow2",
        })).Errors;
        Assert.Contains("Virtual switch 'x' does not exist", errors["switchName"][0], StringComparison.Ordinal);
        Assert.Contains("existingDiskPath", errors.Keys);
        Assert.Contains("newDiskName", errors.Keys);
    }
}
