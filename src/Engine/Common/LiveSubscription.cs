using System.Threading.Channels;

namespace HvWeb.Engine.Common;

/// <summary>
/// A live view (the Aspire dashboard's model): an initial state and a stream of changes, ended by
/// disposing it. The publisher decides what a slow reader loses through the channel it passes.
/// </summary>
public abstract class LiveSubscription<TState, TChange> : IDisposable
{
    private readonly Channel<TChange> _channel;
    private readonly Action<LiveSubscription<TState, TChange>> _onDispose;
    private int _disposed;

    protected LiveSubscription(IReadOnlyList<TState> initialState, Channel<TChange> channel, Action<LiveSubscription<TState, TChange>> onDispose)
    {
        InitialState = initialState;
        _channel = channel;
        _onDispose = onDispose;
    }

    public IReadOnlyList<TState> InitialState { get; }

    public IAsyncEnumerable<TChange> Changes(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public bool TryPublish(TChange change) => _channel.Writer.TryWrite(change);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _onDispose(this);
        }

        GC.SuppressFinalize(this);
    }
}
