using System.Collections.Concurrent;
using System.Threading.Channels;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Vms;

/// <summary>
/// The VM service (see <see cref="IVmManager"/>). This file: inventory, look-up, subscriptions and
/// the per-VM operation gate. Lifecycle, creation, runtime attachment and metrics are in the
/// other <c>VmManager.*.cs</c> files.
/// </summary>
public sealed partial class VmManager : IVmManager, IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly VmEventJournal _journal;
    private readonly QemuLauncher _launcher;
    private readonly DiskTool _disks;
    private readonly AcceleratorProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger<VmManager> _logger;
    private readonly VmConfigStore _store;
    private readonly ProcessStatsReader _stats = new();
    private readonly ConcurrentDictionary<Guid, VmEntry> _vms = new();
    private readonly List<VmSubscription> _subscriptions = [];
    private readonly Lock _subscriptionsLock = new();
    private HostInfo? _host;
    private CpuControls? _cpuControls;
    private int _disposed;
    private VmRequestValidator? _validator;
    private IReadOnlyDictionary<string, string> _machineTypes = new Dictionary<string, string>();
    private readonly HostSettingsStore? _hostSettings;
    private readonly Networking.SwitchService? _switches;
    private readonly Networking.MacAddressPool? _macPool;

    public VmManager(
        IOptions<EngineOptions> options,
        VmEventJournal journal,
        QemuLauncher launcher,
        DiskTool disks,
        AcceleratorProbe probe,
        TimeProvider time,
        ILogger<VmManager> logger,
        HostSettingsStore? hostSettings = null,
        Networking.SwitchService? switches = null,
        Networking.MacAddressPool? macPool = null)
    {
        _options = options.Value;
        if (string.IsNullOrWhiteSpace(_options.DataRoot))
        {
            throw new InvalidOperationException("HvWeb:DataRoot is not set.");
        }

        _journal = journal;
        _launcher = launcher;
        _disks = disks;
        _probe = probe;
        _time = time;
        _logger = logger;
        _store = new VmConfigStore(_options.DataRoot);
        _hostSettings = hostSettings;
        _switches = switches;
        _macPool = macPool;
        if (switches is not null)
        {
            switches.RunningVmsUsing = RunningVmsUsing;
            switches.Renamed = FollowSwitchRenameAsync;
        }
    }

    public HostInfo Host => _host ?? throw new InvalidOperationException("The VM manager has not been initialized yet.");

    private string DefaultVmFolder => _hostSettings?.Current.VirtualMachinesFolder ?? _options.DefaultVmFolder ?? Path.Combine(_options.DataRoot, "Virtual Machines");

    private VmRequestValidator Validator => _validator ?? throw new InvalidOperationException("The VM manager has not been initialized yet.");

    public IReadOnlyList<VmSnapshot> List()
    {
        var now = _time.GetUtcNow();
        return [.. _vms.Values.Select(v => v.ToSnapshot(now)).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public VmSnapshot Get(Guid id) => Find(id).ToSnapshot(_time.GetUtcNow());

    public VmSubscription Subscribe()
    {
        lock (_subscriptionsLock)
        {
            var channel = Channel.CreateUnbounded<VmChange>(new UnboundedChannelOptions { SingleReader = true });
            var subscription = new VmSubscription(List(), channel, Unsubscribe);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    private void Unsubscribe(VmSubscription subscription)
    {
        lock (_subscriptionsLock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private void Publish(Guid id)
    {
        var snapshot = _vms.TryGetValue(id, out var entry) ? entry.ToSnapshot(_time.GetUtcNow()) : null;
        lock (_subscriptionsLock)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.TryPublish(new VmChange(id, snapshot));
            }
        }
    }

    private VmEntry Find(Guid id) => _vms.TryGetValue(id, out var entry) ? entry : throw new VmNotFoundException(id);

    /// <summary>Applies a signal to the VM's state under its lock and publishes the change.</summary>
    private VmState Apply(VmEntry entry, VmSignal signal, VmState previous = VmState.Off)
    {
        VmState before, after;
        lock (entry.Sync)
        {
            before = entry.State;
            after = VmStateMachine.Next(before, signal, previous);
            entry.State = after;
        }

        if (before != after)
        {
            _logger.LogInformation("VM {Name}: {Before} -> {After} ({Signal})", entry.Definition.Name, before, after, signal);
        }

        Publish(entry.Definition.Id);
        return after;
    }

    /// <summary>
    /// Runs an operation with the VM's gate held. A VM busy with another operation, or in a state
    /// where the operation does not apply, is refused at once with a sentence saying why.
    /// </summary>
    private async Task<T> RunExclusiveAsync<T>(Guid id, VmOperation operation, string activity, Func<VmEntry, Task<T>> action, bool checkState = true)
    {
        var entry = Find(id);
        if (!await entry.Gate.WaitAsync(0).ConfigureAwait(false))
        {
            string busy;
            lock (entry.Sync)
            {
                busy = $"VM '{entry.Definition.Name}' is busy ({entry.Activity ?? "another operation"}); wait for it to finish.";
            }

            throw new VmStateException(busy, entry.State);
        }

        try
        {
            VmState state;
            lock (entry.Sync)
            {
                state = entry.State;
            }

            if (checkState && VmStateRules.Refusal(entry.Definition.Name, state, operation) is { } refusal)
            {
                throw new VmStateException(refusal, state);
            }

            lock (entry.Sync)
            {
                entry.Activity = activity;
            }

            Publish(id);
            return await action(entry).ConfigureAwait(false);
        }
        finally
        {
            lock (entry.Sync)
            {
                entry.Activity = null;
            }

            entry.Gate.Release();
            Publish(id);
        }
    }

    private async Task RunExclusiveAsync(Guid id, VmOperation operation, string activity, Func<VmEntry, Task> action) =>
        await RunExclusiveAsync(id, operation, activity, async e =>
        {
            await action(e).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>
    /// Progress of an operation: shown in the Status column ("Saving (45 %)") and in the busy
    /// message, and passed on to the caller (a job).
    /// </summary>
    private IProgress<OperationProgress> Track(VmEntry entry, string activity, IProgress<OperationProgress>? outer) =>
        new InlineProgress<OperationProgress>(p =>
        {
            lock (entry.Sync)
            {
                entry.Activity = $"{activity} ({p.Percent} %)";
            }

            Publish(entry.Definition.Id);
            outer?.Report(p);
        });

    /// <summary>How long the console's exit waits for an operation under way (a save) to finish before detaching.</summary>
    private static readonly TimeSpan OperationDrainTimeout = TimeSpan.FromSeconds(60);

    public async ValueTask DisposeAsync()
    {
        // Called by the host service on the way out and again by the container: once is enough.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var entry in _vms.Values)
        {
            // Let an operation under way finish: detaching in the middle of a save would leave the
            // guest paused with half a state file.
            if (!await entry.Gate.WaitAsync(OperationDrainTimeout).ConfigureAwait(false))
            {
                _logger.LogWarning("VM {Name} is still busy ({Activity}); detaching anyway", entry.Definition.Name, entry.Activity);
            }

            VmRuntime? runtime;
            lock (entry.Sync)
            {
                runtime = entry.Runtime;
            }

            if (runtime is not null)
            {
                // Detach only: the QEMU process keeps running and is re-attached at the next start.
                await runtime.Stopping.CancelAsync().ConfigureAwait(false);
                await runtime.Qmp.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
