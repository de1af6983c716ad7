using System.Text.Json;
using HvWeb.Engine.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Networking;

/// <summary>
/// The host's virtual switches: a Linux bridge each (<see cref="VirtualSwitch.BridgeName"/>), built
/// with <c>ip</c> argument lists, persisted in <c>switches.json</c>, rebuilt when the host service
/// starts, and the taps of VM adapters in them. Operations are serialized.
/// </summary>
public sealed class SwitchService : IDisposable
{
    private readonly SwitchStore _store;
    private readonly IpTool _ip;
    private readonly ILogger<SwitchService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<VirtualSwitch>? _switches;

    public SwitchService(IOptions<EngineOptions> options, ILogger<SwitchService> logger, IpTool? ip = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = new SwitchStore(options.Value.DataRoot);
        _ip = ip ?? new IpTool();
        _logger = logger;
        Unavailable = NetAdminCapability.Missing();
    }

    /// <summary>Null when switches can be built here; else why not (no CAP_NET_ADMIN).</summary>
    public string? Unavailable { get; init; }

    /// <summary>Names of the running VMs connected to a switch (set by the VM manager); a switch they use is not deleted.</summary>
    public Func<string, IReadOnlyList<string>> RunningVmsUsing { get; set; } = _ => [];

    /// <summary>The switches (an immutable list, replaced as a whole under the gate).</summary>
    private IReadOnlyList<VirtualSwitch> Switches => _switches ??= _store.Load();

    public IReadOnlyList<VirtualSwitch> List() => [.. Switches.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];

    private void Commit(IReadOnlyList<VirtualSwitch> switches)
    {
        _store.Save(switches);
        _switches = switches;
    }

    public VirtualSwitch Get(Guid id) =>
        List().FirstOrDefault(s => s.Id == id) ?? throw new SwitchNotFoundException($"No virtual switch with ID {id} exists on this host.");

    public VirtualSwitch? Find(string name) => List().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool Exists(string name) => Find(name) is not null;

    /// <summary>The adapters of a VM connected to a switch that does not exist.</summary>
    public static IReadOnlyList<MissingSwitchAdapter> Missing(Model.VmDefinition vm, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(exists);
        return [.. vm.NetworkAdapters
            .Select((a, i) => (a, i))
            .Where(x => x.a.SwitchName is { } name && !exists(name))
            .Select(x => new MissingSwitchAdapter(x.a.Id, x.i, x.a.Name, x.a.SwitchName!))];
    }

    /// <summary>Before a start: every connected adapter's switch exists and this host can build taps.</summary>
    /// <exception cref="MissingSwitchException">a switch is missing (with the choices).</exception>
    /// <exception cref="SwitchUnavailableException">no CAP_NET_ADMIN and an adapter is connected.</exception>
    public void ThrowIfCannotConnect(Model.VmDefinition vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (Missing(vm, Exists) is { Count: > 0 } missing)
        {
            throw new MissingSwitchException(vm.Name, missing, [.. List().Select(s => s.Name)]);
        }

        if (Unavailable is { } reason && vm.NetworkAdapters.Any(a => a.SwitchName is not null))
        {
            throw new SwitchUnavailableException($"VM '{vm.Name}' has a connected network adapter, but this host cannot build virtual switches: {reason}");
        }
    }

    /// <summary>Interfaces that can back an external switch: Ethernet links that are not bridges, taps or VLANs of HvWeb.</summary>
    public async Task<IReadOnlyList<string>> PhysicalAdaptersAsync(CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            return [];
        }

        var json = await _ip.RunAsync(["-j", "-d", "link", "show"], cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(json);
        var names = new List<string>();
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            var name = link.GetProperty("ifname").GetString() ?? "";
            var ether = link.TryGetProperty("link_type", out var type) && type.GetString() == "ether";
            var kind = link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : null;
            if (ether && (kind is null or "veth") && !name.StartsWith("hvtap-", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    public async Task<VirtualSwitch> CreateAsync(SwitchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireAvailable();
        var candidate = new VirtualSwitch
        {
            Id = Guid.NewGuid(),
            Name = (request.Name ?? "").Trim(),
            Type = request.Type ?? SwitchType.Private,
            Notes = request.Notes ?? "",
            PhysicalAdapter = request.Type == SwitchType.External ? request.PhysicalAdapter : null,
            AllowManagementOs = request.AllowManagementOs ?? true,
            ManagementVlanId = request.ManagementVlanId,
            HostAddress = string.IsNullOrWhiteSpace(request.HostAddress) ? null : request.HostAddress.Trim(),
        };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ValidateAsync(candidate, cancellationToken).ConfigureAwait(false);
            var built = await BuildAsync(candidate, cancellationToken).ConfigureAwait(false);
            Commit([.. Switches, built]);
            return built;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rename, notes, or a new connection type (rebuilt; refused while running VMs use the switch).</summary>
    public async Task<VirtualSwitch> UpdateAsync(Guid id, SwitchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireAvailable();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = Switches.FirstOrDefault(s => s.Id == id) ?? throw new SwitchNotFoundException($"No virtual switch with ID {id} exists on this host.");
            var type = request.Type ?? old.Type;
            var candidate = old with
            {
                Name = request.Name?.Trim() ?? old.Name,
                Notes = request.Notes ?? old.Notes,
                Type = type,
                PhysicalAdapter = type == SwitchType.External ? request.PhysicalAdapter ?? old.PhysicalAdapter : null,
                AllowManagementOs = request.AllowManagementOs ?? old.AllowManagementOs,
                ManagementVlanId = request.ManagementVlanId ?? old.ManagementVlanId,
                HostAddress = request.HostAddress is null ? old.HostAddress : request.HostAddress.Trim().Length == 0 ? null : request.HostAddress.Trim(),
            };
            var connectionChanged = candidate.Type != old.Type || candidate.PhysicalAdapter != old.PhysicalAdapter
                || candidate.AllowManagementOs != old.AllowManagementOs || candidate.ManagementVlanId != old.ManagementVlanId
                || candidate.HostAddress != old.HostAddress;
            if (connectionChanged && RunningVmsUsing(old.Name) is { Count: > 0 } users)
            {
                throw new SwitchInUseException($"Virtual switch '{old.Name}' is used by running virtual machines ({string.Join(", ", users)}); turn them off or disconnect their adapters before changing its connection type.");
            }

            if (candidate.Name != old.Name && RunningVmsUsing(old.Name) is { Count: > 0 } renamedUsers)
            {
                throw new SwitchInUseException($"Virtual switch '{old.Name}' is used by running virtual machines ({string.Join(", ", renamedUsers)}); a VM refers to its switch by name, so turn them off before renaming it.");
            }

            await ValidateAsync(candidate, cancellationToken).ConfigureAwait(false);
            var updated = candidate;
            if (connectionChanged)
            {
                await TearDownAsync(old, cancellationToken).ConfigureAwait(false);
                updated = await BuildAsync(candidate with { PhysicalAdapterAddresses = [] }, cancellationToken).ConfigureAwait(false);
            }

            Commit([.. Switches.Select(s => s.Id == id ? updated : s)]);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        RequireAvailable();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = Switches.FirstOrDefault(s => s.Id == id) ?? throw new SwitchNotFoundException($"No virtual switch with ID {id} exists on this host.");
            if (RunningVmsUsing(old.Name) is { Count: > 0 } users)
            {
                throw new SwitchInUseException($"Virtual switch '{old.Name}' is used by running virtual machines ({string.Join(", ", users)}); turn them off or disconnect their adapters first.");
            }

            await TearDownAsync(old, cancellationToken).ConfigureAwait(false);
            Commit([.. Switches.Where(s => s.Id != id)]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>At host start: every switch's bridge again (after a reboot nothing of them is left).</summary>
    public async Task RestoreAllAsync(CancellationToken cancellationToken)
    {
        if (List().Count == 0)
        {
            return;
        }

        if (Unavailable is not null)
        {
            _logger.LogWarning("Virtual switches are not built: {Reason}", Unavailable);
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var built = new List<VirtualSwitch>();
            foreach (var sw in Switches)
            {
                try
                {
                    built.Add(await BuildAsync(sw, cancellationToken).ConfigureAwait(false));
                }
                catch (VmOperationException e)
                {
                    _logger.LogError("Virtual switch {Name} could not be built: {Message}", sw.Name, e.Message);
                    built.Add(sw);
                }
            }

            Commit(built);
        }
        finally
        {
            _gate.Release();
        }
    }

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

    public void Dispose() => _gate.Dispose();

    private void RequireAvailable()
    {
        if (Unavailable is not null)
        {
            throw new SwitchUnavailableException(Unavailable);
        }
    }

    private async Task ValidateAsync(VirtualSwitch candidate, CancellationToken cancellationToken)
    {
        var adapters = candidate.Type == SwitchType.External
            ? (await PhysicalAdaptersAsync(cancellationToken).ConfigureAwait(false)).ToList()
            : [];
        var errors = SwitchRules.Check(candidate, Switches, adapters);
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors);
        }
    }

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
