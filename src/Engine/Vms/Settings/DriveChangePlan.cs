using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>
/// The difference between two drive lists, slot by slot: DVD media changed, SCSI hard disks added
/// or removed (what a running VM takes), and every other change (which needs the VM Off).
/// </summary>
public sealed record DriveChangePlan(
    IReadOnlyList<DriveDefinition> MediaChanged,
    IReadOnlyList<DriveDefinition> ScsiDisksAdded,
    IReadOnlyList<DriveDefinition> ScsiDisksRemoved,
    IReadOnlyList<(DriveDefinition Drive, string What)> Other)
{
    public bool IsEmpty => MediaChanged.Count + ScsiDisksAdded.Count + ScsiDisksRemoved.Count + Other.Count == 0;

    public static DriveChangePlan Compute(IReadOnlyList<DriveDefinition> before, IReadOnlyList<DriveDefinition> after)
    {
        static (ControllerType, int, int) Slot(DriveDefinition d) => (d.Controller, d.ControllerNumber, d.Location);
        var old = before.GroupBy(Slot).ToDictionary(g => g.Key, g => g.First());
        var now = after.GroupBy(Slot).ToDictionary(g => g.Key, g => g.First());
        var media = new List<DriveDefinition>();
        var added = new List<DriveDefinition>();
        var removed = new List<DriveDefinition>();
        var other = new List<(DriveDefinition, string)>();
        foreach (var (slot, drive) in now)
        {
            if (!old.TryGetValue(slot, out var was))
            {
                if (drive.Controller == ControllerType.Scsi && drive.Kind == DriveKind.HardDisk)
                {
                    added.Add(drive);
                }
                else
                {
                    other.Add((drive, "added"));
                }
            }
            else if (was != drive)
            {
                if (was.Kind == DriveKind.Dvd && drive.Kind == DriveKind.Dvd)
                {
                    media.Add(drive);
                }
                else
                {
                    other.Add((drive, "changed"));
                }
            }
        }

        foreach (var (slot, drive) in old)
        {
            if (!now.ContainsKey(slot))
            {
                if (drive.Controller == ControllerType.Scsi && drive.Kind == DriveKind.HardDisk)
                {
                    removed.Add(drive);
                }
                else
                {
                    other.Add((drive, "removed"));
                }
            }
        }

        return new DriveChangePlan(media, added, removed, other);
    }
}
