using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// What an Apply would take away from the VM, in sentences that say what is removed and what is
/// kept (the disk and image files always stay on disk), for the confirmation shown before it.
/// </summary>
public static class SettingsRemovals
{
    public static IReadOnlyList<string> Describe(VmDefinition vm, VmUpdateRequest request)
    {
        var removed = new List<string>();
        if (request.Drives is { } drives)
        {
            foreach (var drive in vm.Drives.Where(d => !drives.Any(n => n.Kind == d.Kind && (d.Path is null ? n == d : n.Path == d.Path))))
            {
                var where = $"{SettingsTree.ControllerName(drive.Controller, drive.ControllerNumber)}, location {drive.Location}";
                removed.Add(drive.Kind == DriveKind.HardDisk
                    ? $"The hard drive on {where} is removed from the virtual machine; its file '{drive.Path}' is kept on disk."
                    : $"The DVD drive on {where} is removed{(drive.Path is null ? "" : $"; the image file '{drive.Path}' is kept")}.");
            }
        }

        if (request.NetworkAdapters is { } adapters)
        {
            foreach (var adapter in vm.NetworkAdapters.Where(a => adapters.All(n => n.Id != a.Id)))
            {
                var mac = adapter.MacAddress is null ? "" : $" (MAC address {adapter.MacAddress})";
                removed.Add($"The {(adapter.Legacy ? "legacy network adapter" : "network adapter")}{mac} is removed.");
            }
        }

        if (request.ScsiControllerCount is { } count && count < vm.ScsiControllerCount)
        {
            removed.Add(vm.ScsiControllerCount - count == 1 ? "A SCSI controller is removed." : $"{vm.ScsiControllerCount - count} SCSI controllers are removed.");
        }

        if (request.FloppyPath is { Length: 0 } && vm.FloppyPath is { } floppy)
        {
            removed.Add($"The virtual floppy disk is taken out of the diskette drive; its file '{floppy}' is kept.");
        }

        return removed;
    }
}
