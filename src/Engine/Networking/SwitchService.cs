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
public sealed partial class SwitchService : IDisposable
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

    /// <summary>
    /// Called after a rename is stored (set by the VM manager): VMs refer to their switch by name,
    /// so their adapters follow the new name, as a renamed Hyper-V switch keeps its VMs connected.
    /// </summary>
    public Func<string, string, Task> Renamed { get; set; } = (_, _) => Task.CompletedTask;

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
        string? renamedFrom;
        VirtualSwitch result;
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
            renamedFrom = old.Name == updated.Name ? null : old.Name;
            result = updated;
        }
        finally
        {
            _gate.Release();
        }

        if (renamedFrom is not null)
        {
            await Renamed(renamedFrom, result.Name).ConfigureAwait(false);
        }

        return result;
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

}
