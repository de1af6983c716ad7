using System.Threading.Channels;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// A live view of the inventory (the Aspire dashboard's model): an initial state and a stream of
/// changes. Slow readers lose intermediate snapshots of a VM, never the latest one.
/// </summary>
public sealed class VmSubscription : IDisposable
{
    private readonly Channel<VmChange> _channel;
    private readonly Action<VmSubscription> _onDispose;
    private int _disposed;

    public VmSubscription(IReadOnlyList<VmSnapshot> initialState, Channel<VmChange> channel, Action<VmSubscription> onDispose)
    {
        InitialState = initialState;
        _channel = channel;
        _onDispose = onDispose;
    }

    public IReadOnlyList<VmSnapshot> InitialState { get; }

    public IAsyncEnumerable<VmChange> Changes(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    internal bool TryPublish(VmChange change) => _channel.Writer.TryWrite(change);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _onDispose(this);
        }
    }
}
