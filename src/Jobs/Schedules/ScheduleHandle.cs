namespace HvWeb.Jobs.Schedules;

/// <summary>Stops one schedule when disposed (or when the scheduler stops).</summary>
internal sealed class ScheduleHandle(CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private int _disposed;

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cancel.Cancel();
            _cancel.Dispose();
        }
    }
}
