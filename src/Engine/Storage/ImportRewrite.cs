using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The imported VM's records, without I/O: every path absolute (through <see cref="PathOf"/>), the
/// layout's folders, the switch choices, and for Copy the new VM ID, new adapter IDs and cleared
/// dynamic MAC addresses (the pool assigns new ones at the first start; static ones are kept, as
/// Hyper-V does). The VM's name stays (Hyper-V allows duplicates).
/// </summary>
/// <param name="PathOf">Recorded path → the imported file's path; null = the drive is left empty.</param>
/// <param name="AdapterIds">Old adapter ID → new (Copy); empty keeps them.</param>
public sealed record ImportRewrite(
    Guid Id,
    ImportLayout Layout,
    Func<string, string?> PathOf,
    IReadOnlyDictionary<Guid, Guid> AdapterIds,
    IReadOnlyDictionary<string, string>? SwitchChoices,
    bool NewMacAddresses)
{
    public VmDefinition Apply(VmDefinition vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm with
        {
            Id = Id,
            Folder = Layout.VmFolder,
            CheckpointFileLocation = Layout.CheckpointFileLocation,
            SmartPagingFileLocation = Layout.SmartPagingFileLocation,
            Drives = [.. vm.Drives.Select(d => d.Path is { Length: > 0 } path ? d with { Path = PathOf(path) } : d)],
            FloppyPath = vm.FloppyPath is { Length: > 0 } floppy ? PathOf(floppy) : vm.FloppyPath,
            NetworkAdapters = [.. vm.NetworkAdapters.Select(Adapter)],
            WasRunningAtHostStop = false,
        };
    }

    public Checkpoint Apply(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint with
        {
            VmId = Id,
            Settings = Apply(checkpoint.Settings),
            Disks = [.. checkpoint.Disks.Select(d => d with { Path = PathOf(d.Path) ?? d.Path })],
            SavedStateFile = checkpoint.SavedStateFile is { Length: > 0 } state ? PathOf(state) : checkpoint.SavedStateFile,
        };
    }

    private NetworkAdapterDefinition Adapter(NetworkAdapterDefinition adapter)
    {
        var switchName = SwitchChoices is not null && SwitchChoices.TryGetValue(adapter.Id.ToString("D"), out var choice)
            ? (choice.Length == 0 ? null : choice)
            : adapter.SwitchName;
        return adapter with
        {
            Id = AdapterIds.GetValueOrDefault(adapter.Id, adapter.Id),
            SwitchName = switchName,
            MacAddress = NewMacAddresses && !adapter.StaticMacAddress ? null : adapter.MacAddress,
        };
    }
}
