namespace HvWeb.Engine.Networking;

/// <summary>
/// A VM's adapter is connected to a switch this host does not have (renamed, deleted, or a VM from
/// another host): the VM does not start (HTTP 409). The choices: reconnect the adapter to one of
/// <see cref="AvailableSwitches"/>, or leave it Not Connected.
/// </summary>
public sealed class MissingSwitchException(string vmName, IReadOnlyList<MissingSwitchAdapter> adapters, IReadOnlyList<string> availableSwitches)
    : Exception(Describe(vmName, adapters, availableSwitches))
{
    public IReadOnlyList<MissingSwitchAdapter> Adapters { get; } = adapters;
    public IReadOnlyList<string> AvailableSwitches { get; } = availableSwitches;

    private static string Describe(string vmName, IReadOnlyList<MissingSwitchAdapter> adapters, IReadOnlyList<string> available)
    {
        var which = string.Join("; ", adapters.Select(a => $"'{a.AdapterName}' is connected to virtual switch '{a.SwitchName}'"));
        var choices = available.Count == 0
            ? "this host has no virtual switch, so set the adapter to Not Connected (Settings → Network Adapter) or create the switch in the Virtual Switch Manager"
            : $"in Settings → Network Adapter, connect it to an existing switch ({string.Join(", ", available.Select(s => $"'{s}'"))}) or choose Not Connected";
        return $"VM '{vmName}' cannot start: its network adapter {which}, which does not exist on this host; {choices}.";
    }
}

/// <summary>An adapter (its ID, name and place in the VM's list) whose switch is missing.</summary>
public sealed record MissingSwitchAdapter(Guid AdapterId, int Index, string AdapterName, string SwitchName);
