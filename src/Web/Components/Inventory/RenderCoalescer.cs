namespace HvWeb.Web.Components.Inventory;

/// <summary>
/// At most one render per <see cref="Interval"/>: the first change after a quiet spell renders at
/// once (no added latency), changes that follow within the interval are folded into one render at
/// its end. With 500 VMs reporting figures every second, this keeps the circuit to a few renders a
/// second instead of hundreds, and a state change still reaches the browser well inside 250 ms.
/// </summary>
public sealed class RenderCoalescer(Func<Task> flush, TimeProvider time)
{
    /// <summary>The shortest gap between two renders of the list (Guacamole-style frame pacing; well under the 250 ms budget).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Lock _lock = new();
    private bool _scheduled;
    private long _lastFlush = long.MinValue;

    /// <summary>Asks for a render; returns at once. Safe from any thread.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        var wait = _lastFlush == long.MinValue ? TimeSpan.Zero : Interval - time.GetElapsedTime(_lastFlush);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _scheduled = false;
            _lastFlush = time.GetTimestamp();
        }

        await flush().ConfigureAwait(false);
    }
}
