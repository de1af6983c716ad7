using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Model;
using HvWeb.Engine.Networking;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Network adapters at start: dynamic MAC addresses kept in the definition, a tap in the switch's
/// bridge for each connected adapter, Not Connected adapters with their link down; taps removed
/// when QEMU ends.
/// </summary>
public sealed partial class VmManager
{
    /// <summary>
    /// A dynamic adapter without an address gets one from the host's MAC address pool at its first
    /// start and keeps it, as in Hyper-V (without a pool, e.g. in unit tests, one derived by
    /// <see cref="MacAddresses.Derive"/>).
    /// </summary>
    private void AssignDynamicMacAddresses(VmEntry entry)
    {
        var vm = entry.Definition;
        if (vm.NetworkAdapters.All(a => a.MacAddress is not null))
        {
            return;
        }

        SaveDefinition(entry, vm with
        {
            NetworkAdapters = [.. vm.NetworkAdapters.Select(a => a.MacAddress is null ? a with { MacAddress = _macPool?.Allocate() ?? MacAddresses.Derive(vm.Id, a.Id) } : a)],
        });
    }

    /// <summary>Not Connected: the adapter exists in the guest with its cable unplugged (link down) and no backend.</summary>
    private static async Task DisconnectUnconnectedAdaptersAsync(VmDefinition vm, VmRuntime runtime, CancellationToken cancellationToken)
    {
        for (var i = 0; i < vm.NetworkAdapters.Count; i++)
        {
            if (vm.NetworkAdapters[i].SwitchName is null)
            {
                await runtime.Qmp.ExecuteAsync("set_link", HotPlugCommands.SetLink(i, up: false), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool SwitchExists(string name) => _switches?.Exists(name) ?? false;

    /// <summary>Names of the VMs with a QEMU process and an adapter on the switch (a switch they use is not deleted).</summary>
    private IReadOnlyList<string> RunningVmsUsing(string switchName) =>
        [.. _vms.Values
            .Where(e => e.Runtime is not null && e.Definition.NetworkAdapters.Any(a => string.Equals(a.SwitchName, switchName, StringComparison.OrdinalIgnoreCase)))
            .Select(e => e.Definition.Name)
            .Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>After a switch is renamed: every VM's adapters on the old name move to the new one (running VMs were refused before).</summary>
    private async Task FollowSwitchRenameAsync(string oldName, string newName)
    {
        foreach (var entry in _vms.Values.Where(e => e.Definition.NetworkAdapters.Any(a => string.Equals(a.SwitchName, oldName, StringComparison.OrdinalIgnoreCase))))
        {
            var vm = entry.Definition;
            var adapters = vm.NetworkAdapters
                .Select(a => string.Equals(a.SwitchName, oldName, StringComparison.OrdinalIgnoreCase) ? a with { SwitchName = newName } : a)
                .ToList();
            try
            {
                await UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = adapters }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is VmStateException or VmValidationException or VmOperationException or IOException)
            {
                // The switch keeps its new name; this VM says so at its next start (missing switch, with the choices).
                _logger.LogWarning(e, "VM {Vm} still refers to switch '{Old}' after it was renamed to '{New}'", vm.Name, oldName, newName);
                await _journal.WarningAsync(vm, $"Virtual switch '{oldName}' was renamed to '{newName}', but the adapters of VM '{vm.Name}' could not follow: {e.Message} Reconnect them in Settings.", HostEvent.ManagementSource).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A VM whose switch is missing does not start; the error names the switch and the choices.</summary>
    private void CheckSwitches(VmDefinition vm)
    {
        if (_switches is not null)
        {
            _switches.ThrowIfCannotConnect(vm);
        }
        else if (SwitchService.Missing(vm, _ => false) is { Count: > 0 } missing)
        {
            throw new MissingSwitchException(vm.Name, missing, []);
        }
    }

    /// <summary>A tap in its switch's bridge for each connected adapter (by place); on failure none is left.</summary>
    private async Task<IReadOnlyList<string?>> CreateTapsAsync(VmDefinition vm, CancellationToken cancellationToken)
    {
        var taps = new string?[vm.NetworkAdapters.Count];
        if (_switches is null || vm.NetworkAdapters.All(a => a.SwitchName is null))
        {
            return taps;
        }

        try
        {
            for (var i = 0; i < taps.Length; i++)
            {
                if (vm.NetworkAdapters[i].SwitchName is not null)
                {
                    taps[i] = await _switches.CreateTapAsync(vm.Id, i, vm.NetworkAdapters[i], cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await RemoveTapsAsync(vm).ConfigureAwait(false);
            throw;
        }

        return taps;
    }

    private Task RemoveTapsAsync(VmDefinition vm) =>
        _switches?.RemoveTapsAsync(vm.Id, CancellationToken.None) ?? Task.CompletedTask;

    /// <summary>
    /// Connect / disconnect / switch change of a running VM's adapter: its tap moves between bridges
    /// (or out of any) and the guest's link follows. An adapter that was Not Connected at start has no
    /// backend to connect.
    /// </summary>
    private async Task ChangeAdapterSwitchAsync(VmDefinition vm, int index, NetworkAdapterDefinition was, NetworkAdapterDefinition adapter, QmpClient qmp, Stack<Func<Task>> undo, CancellationToken cancellationToken)
    {
        var hasTap = _switches is not null && await _switches.TapExistsAsync(vm.Id, index, cancellationToken).ConfigureAwait(false);
        if (adapter.SwitchName is not null && !hasTap)
        {
            throw new VmStateException($"Network adapter '{adapter.Name}' of VM '{vm.Name}' was Not Connected when the VM started, so it has no connection to a switch while it runs; turn the VM off to connect it to '{adapter.SwitchName}'.");
        }

        if (hasTap)
        {
            await _switches!.MoveTapAsync(vm.Id, index, adapter.SwitchName, cancellationToken).ConfigureAwait(false);
            undo.Push(() => _switches.MoveTapAsync(vm.Id, index, was.SwitchName, CancellationToken.None));
        }

        if ((was.SwitchName is null) != (adapter.SwitchName is null))
        {
            await qmp.ExecuteAsync("set_link", HotPlugCommands.SetLink(index, adapter.SwitchName is not null), cancellationToken).ConfigureAwait(false);
            undo.Push(() => qmp.ExecuteAsync("set_link", HotPlugCommands.SetLink(index, was.SwitchName is not null), CancellationToken.None));
        }
    }
}
