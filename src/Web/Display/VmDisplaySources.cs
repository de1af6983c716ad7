using HvWeb.Display;
using HvWeb.Display.Rfb;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Display;

/// <summary>
/// One display source per running VM, shared by all its viewers and its thumbnail. A source
/// lives while leased, plus <see cref="Linger"/>; a closed source (VM turned off) is replaced by a
/// new one at the next lease.
/// </summary>
public sealed class VmDisplaySources(IVmManager vms, TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>
    /// How long a VM's display connection stays open after its last viewer left: a page reload or
    /// the next thumbnail refresh then finds a live picture instead of a new connection.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(15);

    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>The VM's shared display; dispose the lease when done.</summary>
    /// <exception cref="VmNotFoundException">unknown VM.</exception>
    /// <exception cref="VmStateException">the VM has no QEMU process (Off, Saved).</exception>
    public VmDisplayLease Acquire(Guid vmId)
    {
        var vm = vms.Get(vmId);
        var socket = vms.GetVncSocket(vmId)
            ?? throw new VmStateException($"VM '{vm.Name}' is {vm.State}; it has no screen to show.", vm.State);
        DisplaySource? stale = null;
        DisplaySource source;
        lock (_lock)
        {
            if (_entries.TryGetValue(vmId, out var entry) && entry.Source.State == DisplaySourceState.Closed)
            {
                stale = entry.Source;
                entry.Linger?.Dispose();
                _entries.Remove(vmId);
                entry = null;
            }

            if (entry is null)
            {
                var created = new DisplaySource($"VM '{vm.Name}'", DisplaySource.UnixSocket(socket), new RfbClientOptions(), time,
                    loggers.CreateLogger($"HvWeb.Display.VmDisplay.{vm.Name}"));
                created.Start();
                entry = new Entry(created);
                _entries[vmId] = entry;
            }

            entry.Leases++;
            entry.Linger?.Dispose();
            entry.Linger = null;
            source = entry.Source;
        }

        if (stale is not null)
        {
            _ = stale.DisposeAsync().AsTask();
        }

        return new VmDisplayLease(this, vmId, source);
    }

    /// <summary>Sources open now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    internal void Release(Guid vmId, DisplaySource source)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(vmId, out var entry) || entry.Source != source || --entry.Leases > 0)
            {
                return;
            }

            entry.Linger = time.CreateTimer(_ => Expire(vmId, source), null, Linger, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire(Guid vmId, DisplaySource source)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(vmId, out var entry) || entry.Source != source || entry.Leases > 0)
            {
                return;
            }

            entry.Linger?.Dispose();
            _entries.Remove(vmId);
        }

        _ = source.DisposeAsync().AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        List<Entry> entries;
        lock (_lock)
        {
            entries = [.. _entries.Values];
            _entries.Clear();
        }

        foreach (var entry in entries)
        {
            entry.Linger?.Dispose();
            await entry.Source.DisposeAsync();
        }
    }

    private sealed class Entry(DisplaySource source)
    {
        public DisplaySource Source { get; } = source;

        public int Leases { get; set; }

        public ITimer? Linger { get; set; }
    }
}
