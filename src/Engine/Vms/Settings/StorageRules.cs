using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>
/// Controllers and drives (IDE 0/1 with two locations each on generation 1; up to four SCSI
/// controllers with 64 locations each), the diskette drive and the firmware's Secure Boot.
/// </summary>
internal static class StorageRules
{
    public const int MaxScsiControllers = 4;
    public const int ScsiLocations = 64;
    public const int IdeControllers = 2;
    public const int IdeLocations = 2;

    /// <param name="old">The VM before the change (null when it is new): only drives it did not have are checked on disk.</param>
    public static void Check(VmDefinition vm, VmDefinition? old, FieldErrors errors)
    {
        var gen1 = vm.Generation == VmGeneration.One;
        if (vm.SecureBoot && gen1)
        {
            errors.Add("secureBoot", "Secure Boot is a generation 2 setting; a generation 1 virtual machine starts with BIOS.");
        }

        if (vm.ScsiControllerCount is < 0 or > MaxScsiControllers)
        {
            errors.Add("scsiControllerCount", $"A virtual machine has 0 to {MaxScsiControllers} SCSI controllers.");
        }

        var slots = new HashSet<(ControllerType, int, int)>();
        for (var i = 0; i < vm.Drives.Count; i++)
        {
            CheckDrive(vm, old, i, slots, errors);
        }

        if (vm.FloppyPath is { } floppy)
        {
            if (!gen1)
            {
                errors.Add("floppyPath", "Generation 2 virtual machines have no diskette drive.");
            }
            else if (!floppy.EndsWith(".vfd", StringComparison.OrdinalIgnoreCase) && !floppy.EndsWith(".img", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("floppyPath", $"'{floppy}' is not a virtual floppy disk (.vfd).");
            }
            else if (!File.Exists(floppy))
            {
                errors.Add("floppyPath", $"The virtual floppy disk '{floppy}' does not exist.");
            }
        }

        if (!gen1 && vm.BootOrder.Contains(BootDevice.Floppy))
        {
            errors.Add("bootOrder", "Generation 2 virtual machines cannot boot from a floppy; remove Floppy from the boot order.");
        }
    }

    private static void CheckDrive(VmDefinition vm, VmDefinition? old, int i, HashSet<(ControllerType, int, int)> slots, FieldErrors errors)
    {
        var d = vm.Drives[i];
        var field = $"drives[{i}]";
        if (!Enum.IsDefined(d.Controller) || !Enum.IsDefined(d.Kind))
        {
            errors.Add(field, "A drive is a HardDisk or a Dvd on an Ide or Scsi controller.");
            return;
        }

        if (d.Controller == ControllerType.Ide)
        {
            if (vm.Generation == VmGeneration.Two)
            {
                errors.Add($"{field}.controller", "Generation 2 virtual machines have no IDE controller; attach the drive to a SCSI controller.");
                return;
            }

            if (d.ControllerNumber is < 0 or >= IdeControllers || d.Location is < 0 or >= IdeLocations)
            {
                errors.Add($"{field}.location", $"IDE {d.ControllerNumber}:{d.Location} does not exist; IDE controllers 0 and 1 have locations 0 and 1.");
                return;
            }
        }
        else
        {
            if (d.ControllerNumber < 0 || d.ControllerNumber >= vm.ScsiControllerCount)
            {
                errors.Add($"{field}.controllerNumber", vm.ScsiControllerCount == 0
                    ? "The virtual machine has no SCSI controller; add one (Add Hardware) first."
                    : $"SCSI controller {d.ControllerNumber} does not exist; the virtual machine has {vm.ScsiControllerCount} (0 to {vm.ScsiControllerCount - 1}).");
                return;
            }

            if (d.Location is < 0 or >= ScsiLocations)
            {
                errors.Add($"{field}.location", $"A SCSI controller has locations 0 to {ScsiLocations - 1}.");
                return;
            }
        }

        if (!slots.Add((d.Controller, d.ControllerNumber, d.Location)))
        {
            errors.Add($"{field}.location", $"{d.Controller.ToString().ToUpperInvariant()} {d.ControllerNumber}:{d.Location} is already in use by another drive.");
        }

        var isNew = old is null || !old.Drives.Any(o => o.Kind == d.Kind && o.Path == d.Path);
        if (d.Kind == DriveKind.HardDisk)
        {
            if (string.IsNullOrEmpty(d.Path))
            {
                errors.Add($"{field}.path", "A hard drive needs a virtual hard disk file.");
            }
            else if (!Path.IsPathFullyQualified(d.Path))
            {
                errors.Add($"{field}.path", $"'{d.Path}' must be an absolute path.");
            }
            else if (isNew && !File.Exists(d.Path))
            {
                errors.Add($"{field}.path", $"The virtual hard disk '{d.Path}' does not exist.");
            }
            else if (vm.Drives.Take(i).Any(o => o.Kind == DriveKind.HardDisk && o.Path == d.Path))
            {
                errors.Add($"{field}.path", $"The virtual hard disk '{d.Path}' is already attached to this virtual machine.");
            }
        }
        else if (d.Path is { } iso)
        {
            if (!iso.EndsWith(".iso", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{field}.path", $"'{iso}' is not an image file (.iso).");
            }
            else if (isNew && !File.Exists(iso))
            {
                errors.Add($"{field}.path", $"The image file '{iso}' does not exist.");
            }
        }
    }
}
