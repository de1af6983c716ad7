using System.Text.Json;
using HvWeb.Engine.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Networking;

/// <summary>The taps of VM adapters: created with their guards and VLAN, moved between switches, removed.</summary>
public sealed partial class SwitchService
{
    /// <summary>
    /// A tap for a VM's adapter, with its guards and bandwidth maximum, in the switch's bridge and up
    /// (an old tap of the same name is replaced).
    /// </summary>
    public async Task<string> CreateTapAsync(Guid vmId, int adapterIndex, Model.NetworkAdapterDefinition adapter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        RequireAvailable();
        var switchName = adapter.SwitchName ?? throw new ArgumentException("The adapter is Not Connected.", nameof(adapter));
        var target = Find(switchName) ?? throw new SwitchNotFoundException($"Virtual switch '{switchName}' does not exist on this host.");
        var tap = TapNames.Of(vmId, adapterIndex);
        await RemoveLinkAndGuardsAsync(tap, cancellationToken).ConfigureAwait(false);
        await _ip.RunAsync(LinkCommands.AddTap(tap), cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyGuardsAsync(tap, adapter, cancellationToken).ConfigureAwait(false);
            await _ip.RunAsync(LinkCommands.SetMaster(tap, target.BridgeName), cancellationToken).ConfigureAwait(false);
            if (adapter.VlanId is { } vlan)
            {
                await ApplyVlanAsync(target, tap, vlan, cancellationToken).ConfigureAwait(false);
            }

            await _ip.RunAsync(LinkCommands.Up(tap), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RemoveLinkAndGuardsAsync(tap, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return tap;
    }

    /// <summary>The adapter's nftables guards and tc bandwidth maximum on a link (a tap, or a test's veth).</summary>
    public async Task ApplyGuardsAsync(string link, Model.NetworkAdapterDefinition adapter, CancellationToken cancellationToken)
    {
        foreach (var command in GuardCommands.Nft(link, adapter))
        {
            await _ip.RunToolAsync("nft", command, cancellationToken).ConfigureAwait(false);
        }

        foreach (var command in GuardCommands.Bandwidth(link, adapter.BandwidthMaximumMbps))
        {
            await _ip.RunToolAsync("tc", command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// VLAN identification of a port (a tap, or a test's veth) already in the switch's bridge: VLAN
    /// filtering on for the bridge, the port an untagged access port of the VLAN, and an external
    /// switch's physical adapter carrying it tagged.
    /// </summary>
    public async Task ApplyVlanAsync(VirtualSwitch sw, string port, int vlanId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sw);
        try
        {
            await _ip.RunAsync(LinkCommands.VlanFiltering(sw.BridgeName), cancellationToken).ConfigureAwait(false);
        }
        catch (VmOperationException e) when (e.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase))
        {
            throw new VmOperationException($"VLAN ID {vlanId} cannot be applied on virtual switch '{sw.Name}': this host's kernel has no bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING). Turn VLAN identification off for the adapter, or run HvWeb on a kernel that has it.");
        }

        await _ip.RunToolAsync("bridge", LinkCommands.LeaveDefaultVlan(port), cancellationToken).ConfigureAwait(false);
        await _ip.RunToolAsync("bridge", LinkCommands.AccessVlan(port, vlanId), cancellationToken).ConfigureAwait(false);
        if (sw.Type == SwitchType.External && sw.PhysicalAdapter is { } nic)
        {
            await _ip.RunToolAsync("bridge", LinkCommands.TrunkVlan(nic, vlanId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a link and its guard table, if they exist.</summary>
    public async Task RemoveLinkAndGuardsAsync(string link, CancellationToken cancellationToken)
    {
        await _ip.TryRunAsync(LinkCommands.Delete(link), cancellationToken).ConfigureAwait(false);
        try
        {
            await _ip.RunToolAsync("nft", GuardCommands.DeleteTable(GuardCommands.Table(link)), cancellationToken).ConfigureAwait(false);
        }
        catch (VmOperationException)
        {
            // No guard table (no guards, or nft not installed): nothing to remove.
        }
    }

    /// <summary>Moves a running VM's tap to another switch, or out of any (null = Not Connected).</summary>
    public async Task MoveTapAsync(Guid vmId, int adapterIndex, string? switchName, CancellationToken cancellationToken)
    {
        var tap = TapNames.Of(vmId, adapterIndex);
        if (switchName is null)
        {
            await _ip.RunAsync(LinkCommands.NoMaster(tap), cancellationToken).ConfigureAwait(false);
            return;
        }

        var target = Find(switchName) ?? throw new SwitchNotFoundException($"Virtual switch '{switchName}' does not exist on this host.");
        await _ip.RunAsync(LinkCommands.SetMaster(tap, target.BridgeName), cancellationToken).ConfigureAwait(false);
        await _ip.RunAsync(LinkCommands.Up(tap), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every tap of a VM (whatever its adapters are now), e.g. when its QEMU process has ended.</summary>
    public async Task RemoveTapsAsync(Guid vmId, CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            return;
        }

        var prefix = TapNames.Prefix(vmId);
        string json;
        try
        {
            json = await _ip.RunAsync(LinkCommands.ShowAll(), cancellationToken).ConfigureAwait(false);
        }
        catch (VmOperationException e)
        {
            _logger.LogWarning("Taps of VM {Id} not listed: {Message}", vmId, e.Message);
            return;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var name in doc.RootElement.EnumerateArray().Select(l => l.GetProperty("ifname").GetString() ?? "").Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            await RemoveLinkAndGuardsAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TapExistsAsync(Guid vmId, int adapterIndex, CancellationToken cancellationToken) =>
        Unavailable is null && await LinkExistsAsync(TapNames.Of(vmId, adapterIndex), cancellationToken).ConfigureAwait(false);
}
