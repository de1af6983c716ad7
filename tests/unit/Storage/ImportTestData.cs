using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>A located VM as the export folder format writes it (relative paths), for the pure import tests.</summary>
internal static class ImportTestData
{
    public const string VmFolder = "/exports/web";
    public static readonly DateTimeOffset Created = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    public static readonly Guid VmId = Guid.Parse("11111111-2222-3333-4444-555555555555");
    public static readonly Guid CheckpointId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    public static readonly Guid DynamicAdapter = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid StaticAdapter = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    public static VmDefinition Vm() => new()
    {
        Id = VmId,
        Name = "web",
        CreatedUtc = Created,
        Folder = ".",
        Drives =
        [
            new DriveDefinition { Controller = ControllerType.Scsi, Path = $"Virtual Hard Disks/web_{CheckpointId:D}.qcow2" },
            new DriveDefinition { Controller = ControllerType.Scsi, Location = 1, Kind = DriveKind.Dvd, Path = "/iso/setup.iso" },
        ],
        NetworkAdapters =
        [
            new NetworkAdapterDefinition { Id = DynamicAdapter, SwitchName = "External", MacAddress = "00-15-5D-00-00-01" },
            new NetworkAdapterDefinition { Id = StaticAdapter, Name = "Lab", SwitchName = "lab", StaticMacAddress = true, MacAddress = "00-15-5D-AA-BB-CC" },
        ],
        ParentCheckpointId = CheckpointId,
    };

    public static Checkpoint Checkpoint(VmDefinition vm) => new()
    {
        Id = CheckpointId,
        VmId = vm.Id,
        Name = "before update",
        Type = CheckpointKind.Standard,
        CreatedUtc = Created.AddHours(1),
        Settings = vm with { Drives = [vm.Drives[0] with { Path = "Virtual Hard Disks/web.qcow2" }, vm.Drives[1]] },
        Disks = [new CheckpointDisk { Controller = ControllerType.Scsi, Path = "Virtual Hard Disks/web.qcow2" }],
        SavedStateFile = $"Snapshots/{CheckpointId:D}.vmstate",
    };

    public static ImportSource Source(bool versionSupported = true, string version = "8.0")
    {
        var vm = Vm();
        return new ImportSource($"{VmFolder}/Virtual Machines/{VmId:D}.json", VmFolder, vm, version, versionSupported, $"{VmFolder}/Snapshots", [Checkpoint(vm)], []);
    }
}
