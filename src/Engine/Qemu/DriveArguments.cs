using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// <c>-blockdev</c> / <c>-device</c> arguments for the storage controllers and drives.
/// Generation 1: IDE (<c>ide-hd</c> / <c>ide-cd</c> on ide.N, unit = location) and optional SCSI;
/// generation 2: SCSI only. SCSI controller N is a <c>virtio-scsi-pci</c> with id scsiN, and a drive
/// at location L is LUN L of target 0.
/// </summary>
internal static class DriveArguments
{
    public static void Add(List<string> args, VmDefinition vm) => Add(args, vm, BootIndexes.Assign(vm.BootOrder, Ordered(vm), vm.NetworkAdapters.Count, vm.FloppyPath is not null));

    /// <summary>The drives in command-line order (controller type, number, location).</summary>
    public static List<DriveDefinition> Ordered(VmDefinition vm) => vm.Drives
        .OrderBy(d => d.Controller)
        .ThenBy(d => d.ControllerNumber)
        .ThenBy(d => d.Location)
        .ToList();

    public static void Add(List<string> args, VmDefinition vm, BootIndexes.Plan boot)
    {
        var drives = Ordered(vm);
        if (vm.Generation == VmGeneration.Two && drives.Any(d => d.Controller == ControllerType.Ide))
        {
            throw new ArgumentException("A generation 2 virtual machine has no IDE controller; attach its drives to SCSI.", nameof(vm));
        }

        AddScsiControllers(args, vm, drives);
        for (var i = 0; i < drives.Count; i++)
        {
            AddDrive(args, drives[i], boot.Drives[i]);
        }

        AddFloppy(args, vm, boot.Floppy);
    }

    /// <summary>Generation 1's diskette drive: drive A of the i440FX's built-in isa-fdc, raw image.</summary>
    private static void AddFloppy(List<string> args, VmDefinition vm, int? bootIndex)
    {
        if (vm.FloppyPath is not { } path)
        {
            return;
        }

        if (vm.Generation != VmGeneration.One)
        {
            throw new ArgumentException("A generation 2 virtual machine has no diskette drive.", nameof(vm));
        }

        args.AddRange(["-blockdev", QemuJson.Object(("driver", "file"), ("filename", path), ("node-name", "floppy0-file"))]);
        args.AddRange(["-blockdev", QemuJson.Object(("driver", "raw"), ("file", "floppy0-file"), ("node-name", "floppy0-format"))]);
        args.AddRange(["-device", QemuJson.Object(("driver", "floppy"), ("unit", 0), ("drive", "floppy0-format"), ("id", "floppy0"))]);
        if (bootIndex is { } index)
        {
            args.AddRange(["-global", $"isa-fdc.bootindexA={index}"]);
        }
    }

    private static void AddScsiControllers(List<string> args, VmDefinition vm, List<DriveDefinition> drives)
    {
        // The VM's SCSI controllers (drives can be hot-plugged onto them later), plus any a drive names.
        var numbers = drives.Where(d => d.Controller == ControllerType.Scsi).Select(d => d.ControllerNumber)
            .Concat(Enumerable.Range(0, Math.Max(0, vm.ScsiControllerCount)));

        foreach (var number in numbers.Distinct().Order())
        {
            args.AddRange(["-device", QemuJson.Object(("driver", "virtio-scsi-pci"), ("id", DriveNames.ScsiController(number)))]);
        }
    }

    private static void AddDrive(List<string> args, DriveDefinition drive, int? bootIndex)
    {
        var hasMedium = drive.Kind == DriveKind.HardDisk || drive.Path is not null;
        if (hasMedium)
        {
            AddNodes(args, drive);
        }

        var members = new List<(string, object)> { ("driver", DeviceDriver(drive)) };
        members.AddRange(BusMembers(drive));
        if (hasMedium)
        {
            members.Add(("drive", DriveNames.FormatNode(drive)));
        }

        members.Add(("id", DriveNames.Device(drive)));
        if (bootIndex is { } index)
        {
            members.Add(("bootindex", index));
        }

        args.AddRange(["-device", QemuJson.Object([.. members])]);
    }

    private static void AddNodes(List<string> args, DriveDefinition drive)
    {
        var path = drive.Path ?? throw new ArgumentException(
            $"Hard drive {DriveNames.Device(drive)} has no disk file.", nameof(drive));
        if (drive.Kind == DriveKind.HardDisk)
        {
            args.AddRange(["-blockdev", QemuJson.Object(
                ("driver", "file"), ("filename", path), ("node-name", DriveNames.FileNode(drive)), ("discard", "unmap"))]);
            args.AddRange(["-blockdev", QemuJson.Object(
                ("driver", "qcow2"), ("file", DriveNames.FileNode(drive)), ("node-name", DriveNames.FormatNode(drive)), ("discard", "unmap"))]);
        }
        else
        {
            args.AddRange(["-blockdev", QemuJson.Object(
                ("driver", "file"), ("filename", path), ("node-name", DriveNames.FileNode(drive)), ("read-only", true))]);
            args.AddRange(["-blockdev", QemuJson.Object(
                ("driver", "raw"), ("file", DriveNames.FileNode(drive)), ("node-name", DriveNames.FormatNode(drive)), ("read-only", true))]);
        }
    }

    private static string DeviceDriver(DriveDefinition drive) => (drive.Controller, drive.Kind) switch
    {
        (ControllerType.Ide, DriveKind.HardDisk) => "ide-hd",
        (ControllerType.Ide, DriveKind.Dvd) => "ide-cd",
        (ControllerType.Scsi, DriveKind.HardDisk) => "scsi-hd",
        (ControllerType.Scsi, DriveKind.Dvd) => "scsi-cd",
        _ => throw new ArgumentOutOfRangeException(nameof(drive), $"Unknown drive {drive.Controller} / {drive.Kind}."),
    };

    private static (string, object)[] BusMembers(DriveDefinition drive) => drive.Controller switch
    {
        ControllerType.Ide => [("bus", $"ide.{drive.ControllerNumber}"), ("unit", drive.Location)],
        ControllerType.Scsi =>
        [
            ("bus", DriveNames.ScsiController(drive.ControllerNumber) + ".0"),
            ("channel", 0),
            ("scsi-id", 0),
            ("lun", drive.Location),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(drive), drive.Controller, "Unknown controller type."),
    };
}
