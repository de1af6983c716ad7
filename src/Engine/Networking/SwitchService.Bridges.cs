using System.Text.Json;
using HvWeb.Engine.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Networking;

/// <summary>Building and tearing down a switch's bridge, and binding an external switch's physical adapter.</summary>
public sealed partial class SwitchService
{
    private async Task<bool> LinkExistsAsync(string link, CancellationToken cancellationToken)
    {
        try
        {
            await _ip.RunAsync(LinkCommands.Show(link), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (VmOperationException)
        {
            return false;
        }
    }

    private async Task<VirtualSwitch> BuildAsync(VirtualSwitch sw, CancellationToken cancellationToken)
    {
        var bridge = sw.BridgeName;
        if (!await LinkExistsAsync(bridge, cancellationToken).ConfigureAwait(false))
        {
            await _ip.RunAsync(LinkCommands.AddBridge(bridge), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var hostOnIt = sw.Type == SwitchType.Internal || (sw.Type == SwitchType.External && sw.AllowManagementOs);
            SetIpv6(bridge, enabled: hostOnIt && sw.ManagementVlanId is null);
            await _ip.RunAsync(LinkCommands.Up(bridge), cancellationToken).ConfigureAwait(false);
            var hostLink = bridge;
            if (sw.Type == SwitchType.External && sw.AllowManagementOs && sw.ManagementVlanId is { } vlan)
            {
                hostLink = $"{bridge}.{vlan}";
                if (!await LinkExistsAsync(hostLink, cancellationToken).ConfigureAwait(false))
                {
                    await _ip.RunAsync(LinkCommands.AddVlan(bridge, vlan), cancellationToken).ConfigureAwait(false);
                }

                await _ip.RunAsync(LinkCommands.Up(hostLink), cancellationToken).ConfigureAwait(false);
            }

            if (sw.Type == SwitchType.External && sw.PhysicalAdapter is { } nic)
            {
                sw = await BindPhysicalAdapterAsync(sw, nic, hostLink, cancellationToken).ConfigureAwait(false);
            }

            if (hostOnIt && sw.HostAddress is { } address)
            {
                await AddAddressAsync(hostLink, address, cancellationToken).ConfigureAwait(false);
            }

            return sw;
        }
        catch
        {
            await TearDownAsync(sw, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Enslaves the NIC; its IPv4 addresses (and default route) move to the host's link on the switch
    /// when the host shares the adapter, and are only remembered (given back on removal) when it does not.
    /// </summary>
    private async Task<VirtualSwitch> BindPhysicalAdapterAsync(VirtualSwitch sw, string nic, string hostLink, CancellationToken cancellationToken)
    {
        var addresses = await AddressesAsync(nic, cancellationToken).ConfigureAwait(false);
        var gateway = await DefaultGatewayAsync(nic, cancellationToken).ConfigureAwait(false);
        var remembered = sw.PhysicalAdapterAddresses.Count > 0 ? sw.PhysicalAdapterAddresses : addresses;
        await _ip.RunAsync(LinkCommands.FlushAddresses(nic), cancellationToken).ConfigureAwait(false);
        await _ip.RunAsync(LinkCommands.SetMaster(nic, sw.BridgeName), cancellationToken).ConfigureAwait(false);
        await _ip.RunAsync(LinkCommands.Up(nic), cancellationToken).ConfigureAwait(false);
        if (sw.AllowManagementOs)
        {
            foreach (var address in remembered)
            {
                await AddAddressAsync(hostLink, address, cancellationToken).ConfigureAwait(false);
            }

            if (gateway is not null)
            {
                await _ip.TryRunAsync(LinkCommands.AddDefaultRoute(hostLink, gateway), cancellationToken).ConfigureAwait(false);
            }
        }

        return sw with { PhysicalAdapterAddresses = remembered };
    }

    private async Task TearDownAsync(VirtualSwitch sw, CancellationToken cancellationToken)
    {
        if (sw.Type == SwitchType.External && sw.PhysicalAdapter is { } nic)
        {
            await _ip.TryRunAsync(LinkCommands.NoMaster(nic), cancellationToken).ConfigureAwait(false);
            foreach (var address in sw.PhysicalAdapterAddresses)
            {
                await _ip.TryRunAsync(LinkCommands.AddAddress(nic, address), cancellationToken).ConfigureAwait(false);
            }
        }

        await _ip.TryRunAsync(LinkCommands.Delete(sw.BridgeName), cancellationToken).ConfigureAwait(false);
    }

    private async Task AddAddressAsync(string link, string cidr, CancellationToken cancellationToken)
    {
        var present = await AddressesAsync(link, cancellationToken).ConfigureAwait(false);
        if (!present.Contains(cidr))
        {
            await _ip.RunAsync(LinkCommands.AddAddress(link, cidr), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<string>> AddressesAsync(string link, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(await _ip.RunAsync(LinkCommands.ShowAddresses(link), cancellationToken).ConfigureAwait(false));
        return [.. doc.RootElement.EnumerateArray()
            .SelectMany(l => l.TryGetProperty("addr_info", out var info) ? info.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(a => a.TryGetProperty("local", out _) && a.TryGetProperty("prefixlen", out _))
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")];
    }

    private async Task<string?> DefaultGatewayAsync(string link, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(await _ip.RunAsync(LinkCommands.ShowRoutes(link), cancellationToken).ConfigureAwait(false));
        return doc.RootElement.EnumerateArray()
            .Where(r => r.TryGetProperty("dst", out var dst) && dst.GetString() == "default" && r.TryGetProperty("gateway", out _))
            .Select(r => r.GetProperty("gateway").GetString())
            .FirstOrDefault();
    }

    /// <summary>No IPv6 link-local address for the host where it must have no address (private, unshared external).</summary>
    private void SetIpv6(string bridge, bool enabled)
    {
        try
        {
            File.WriteAllText($"/proc/sys/net/ipv6/conf/{bridge}/disable_ipv6", enabled ? "0" : "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug(e, "IPv6 of {Bridge} left as it was", bridge);
        }
    }
}
