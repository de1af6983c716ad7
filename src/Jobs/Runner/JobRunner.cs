using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// The runner: crash recovery before anything else starts, then two loops — one starts queued
/// jobs as slots free up, one writes and publishes their coalesced progress — and on a graceful
/// stop, Aborted for whatever cannot finish in time.
/// </summary>
internal sealed class JobRunner(
    JobQueue queue,
    JobExecutor executor,
    JobWriter writer,
    JobFeed feed,
    JobRecovery recovery,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<JobRunner> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>
    /// Progress reaches subscribers at most this often per job (about 4 times a second: smooth
    /// enough for a progress bar, and 200 busy jobs stay a few hundred messages a second).
    /// </summary>
    public static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Progress reaches the store about this often (on every second publish tick, all changed jobs
    /// in one transaction): a job reporting ten times a second costs two row updates a second, and
    /// a crash loses at most half a second of percentages — never a state change, which is written
    /// at once.
    /// </summary>
    public static readonly TimeSpan StoreWriteInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<Task> _runs = [];
    private readonly Lock _runsSync = new();
    private PeriodicTimer? _flushTimer;
    private DateTimeOffset _lastWrite;

    public Task StartingAsync(CancellationToken cancellationToken) => recovery.RunOnceAsync(cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await recovery.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        // Made here, not in ExecuteAsync (which runs on the thread pool), so its ticks count from
        // the start.
        _flushTimer = new PeriodicTimer(PublishInterval, time);
        _lastWrite = time.GetUtcNow();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _flushTimer?.Dispose();
        base.Dispose();
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DispatchAsync(stoppingToken), FlushAsync(_flushTimer!, stoppingToken));

    /// <summary>
    /// Graceful stop: no new jobs; queued ones are Aborted at once; running ones get
    /// <see cref="JobOptions.ShutdownGrace"/> to end with their real outcome, then are recorded
    /// Aborted. Their work is not cancelled: a cancel would start a rollback the process may not
    /// live to finish, while the engine already reconciles a VM with QEMU at the next start.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var waiting = queue.Close();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in waiting)
        {
            await executor.EndAsync(entry, JobState.Aborted, JobSentences.ServerStoppedBeforeStart).ConfigureAwait(false);
        }

        await WaitForRunsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in queue.Running())
        {
            await executor.EndAsync(entry, JobState.Aborted, JobSentences.ServerStoppedWhileRunning).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var entry in queue.TakeStartable())
                {
                    Track(executor.RunAsync(entry));
                }

                await queue.WaitForChangeAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var entries = queue.All();
                foreach (var entry in entries)
                {
                    if (entry.TakePublish() is { } info)
                    {
                        feed.Publish(info);
                    }
                }

                // Half a tick of slack: a tick that runs a little late still writes on time.
                var now = time.GetUtcNow();
                if (now - _lastWrite >= StoreWriteInterval - (PublishInterval / 2))
                {
                    _lastWrite = now;
                    await writer.WriteChangesAsync(entries, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Track(Task run)
    {
        lock (_runsSync)
        {
            _runs.RemoveAll(t => t.IsCompleted);
            _runs.Add(run);
        }
    }

    private async Task WaitForRunsAsync(CancellationToken cancellationToken)
    {
        Task[] runs;
        lock (_runsSync)
        {
            runs = [.. _runs];
        }

        try
        {
            await Task.WhenAll(runs).WaitAsync(options.Value.ShutdownGrace, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("{Count} jobs were still running when the server stopped; they are recorded as Aborted.", queue.Running().Count);
        }
    }
}
