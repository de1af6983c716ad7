using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Turns Hyper-V's boot order into QEMU <c>bootindex</c> values: each entry of the order claims the
/// next indexes for its devices, in controller order. Cd → DVD drives, HardDrive → hard disks,
/// Network → network adapters (in the VM's order; PXE from their option ROMs), Floppy → the
/// diskette drive (<c>isa-fdc.bootindexA</c>).
/// </summary>
internal static class BootIndexes
{
    /// <summary>Boot indexes of drives, adapters and the floppy (null = not bootable).</summary>
    public sealed record Plan(int?[] Drives, int?[] Adapters, int? Floppy);

    /// <summary>The boot index of each drive of <paramref name="drives"/> (same positions), null when it is not bootable.</summary>
    public static int?[] Assign(IReadOnlyList<BootDevice> order, IReadOnlyList<DriveDefinition> drives) =>
        Assign(order, drives, 0, hasFloppy: false).Drives;

    public static Plan Assign(IReadOnlyList<BootDevice> order, IReadOnlyList<DriveDefinition> drives, int adapterCount, bool hasFloppy)
    {
        var indexes = new int?[drives.Count];
        var adapters = new int?[adapterCount];
        int? floppy = null;
        var next = 1;
        foreach (var device in order.Distinct())
        {
            switch (device)
            {
                case BootDevice.Cd or BootDevice.HardDrive:
                    var kind = device == BootDevice.Cd ? DriveKind.Dvd : DriveKind.HardDisk;
                    for (var i = 0; i < drives.Count; i++)
                    {
                        if (drives[i].Kind == kind)
                        {
                            indexes[i] = next++;
                        }
                    }

                    break;
                case BootDevice.Network:
                    for (var i = 0; i < adapterCount; i++)
                    {
                        adapters[i] = next++;
                    }

                    break;
                case BootDevice.Floppy:
                    if (hasFloppy)
                    {
                        floppy = next++;
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(order), device, "Unknown boot device.");
            }
        }

        return new Plan(indexes, adapters, floppy);
    }
}
