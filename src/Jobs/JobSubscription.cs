using System.Threading.Channels;

namespace HvWeb.Jobs;

/// <summary>A live view of jobs: an initial state and a stream of changed jobs. Dispose to stop.</summary>
public sealed class JobSubscription : IDisposable
{
    private readonly Channel<JobInfo> _channel;
    private readonly Action<JobSubscription> _onDispose;
    private int _disposed;

    public JobSubscription(IReadOnlyList<JobInfo> initialState, Channel<JobInfo> channel, Action<JobSubscription> onDispose)
    {
        InitialState = initialState;
        _channel = channel;
        _onDispose = onDispose;
    }

    public IReadOnlyList<JobInfo> InitialState { get; }

    public IAsyncEnumerable<JobInfo> Changes(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public bool TryPublish(JobInfo job) => _channel.Writer.TryWrite(job);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _onDispose(this);
        }
    }
}
