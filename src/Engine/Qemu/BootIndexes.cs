using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Turns Hyper-V's boot order into QEMU <c>bootindex</c> values: each entry of the order claims the
/// next indexes for its devices, in controller order. Cd → DVD drives, HardDrive → hard disks;
/// Network and Floppy claim nothing yet (there are no network adapters or floppies to boot from).
/// </summary>
internal static class BootIndexes
{
    /// <summary>The boot index of each drive of <paramref name="drives"/> (same positions), null when it is not bootable.</summary>
    public static int?[] Assign(IReadOnlyList<BootDevice> order, IReadOnlyList<DriveDefinition> drives)
    {
        var indexes = new int?[drives.Count];
        var next = 1;
        foreach (var device in order.Distinct())
        {
            DriveKind? kind = device switch
            {
                BootDevice.Cd => DriveKind.Dvd,
                BootDevice.HardDrive => DriveKind.HardDisk,
                BootDevice.Network => null,
                BootDevice.Floppy => null,
                _ => throw new ArgumentOutOfRangeException(nameof(order), device, "Unknown boot device."),
            };
            if (kind is null)
            {
                continue;
            }

            for (var i = 0; i < drives.Count; i++)
            {
                if (drives[i].Kind == kind)
                {
                    indexes[i] = next++;
                }
            }
        }

        return indexes;
    }
}
