using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>Hooks for Import Virtual Machine (src/Engine/Storage/ImportService.cs).</summary>
public sealed partial class VmManager
{
    /// <summary>Hyper-V Settings' Virtual Machines folder (where an imported VM's folder goes by default).</summary>
    internal string ImportVmFolder => DefaultVmFolder;

    /// <summary>Hyper-V Settings' Virtual Hard Disks folder, or null (each VM's own "Virtual Hard Disks").</summary>
    internal string? ImportDisksFolder => _hostSettings?.Current.VirtualHardDisksFolder;

    /// <summary>The name of the VM registered with this ID, or null.</summary>
    internal string? RegisteredName(Guid id) => _vms.TryGetValue(id, out var entry) ? entry.Definition.Name : null;

    /// <summary>
    /// Registers a VM whose configuration file (<see cref="VmPaths.ConfigFile"/>) is written: Saved
    /// when its saved state file is there, else Off. A VM with the same ID registered meanwhile is
    /// refused atomically (nothing is registered).
    /// </summary>
    /// <exception cref="VmStateException">a VM with this ID is registered.</exception>
    internal async Task<VmSnapshot> RegisterImportedAsync(VmDefinition vm, string how)
    {
        if (!File.Exists(VmPaths.ConfigFile(vm)))
        {
            throw new InvalidOperationException($"The configuration '{VmPaths.ConfigFile(vm)}' must be written before the VM is registered.");
        }

        var entry = new VmEntry(vm, File.Exists(VmPaths.SavedStateFile(vm)) ? VmState.Saved : VmState.Off);
        if (!_vms.TryAdd(vm.Id, entry))
        {
            var other = RegisteredName(vm.Id) ?? vm.Name;
            throw new VmStateException($"A virtual machine with ID {vm.Id:D} ('{other}') is already registered on this host. Choose Copy to import it with a new ID, or delete the other VM first.");
        }

        try
        {
            _store.Register(vm);
        }
        catch
        {
            _vms.TryRemove(vm.Id, out _);
            throw;
        }

        await _journal.InfoAsync(vm, $"VM '{vm.Name}' ({vm.Id:D}) was imported ({how}) in '{vm.Folder}'.", HostEvent.ManagementSource).ConfigureAwait(false);
        Publish(vm.Id);
        return Get(vm.Id);
    }

    /// <summary>Writes an import's outcome to the event log (failures and cancellations).</summary>
    internal Task JournalImportAsync(VmDefinition vm, string message, bool error) =>
        error ? _journal.ErrorAsync(vm, message, HostEvent.ManagementSource) : _journal.InfoAsync(vm, message, HostEvent.ManagementSource);
}
