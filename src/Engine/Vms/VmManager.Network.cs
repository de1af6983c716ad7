using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Vms;

/// <summary>Network adapters at start: dynamic MAC addresses kept in the definition, Not Connected adapters with their link down.</summary>
public sealed partial class VmManager
{
    /// <summary>
    /// A dynamic adapter without an address gets one at its first start and keeps it, as in
    /// Hyper-V (until the MAC pool of the switches feature hands them out, see
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
            NetworkAdapters = [.. vm.NetworkAdapters.Select(a => a.MacAddress is null ? a with { MacAddress = MacAddresses.Derive(vm.Id, a.Id) } : a)],
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
}
