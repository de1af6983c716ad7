using HvWeb.Engine.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// Crash recovery, once, before the runner accepts jobs: every job the store still has as Queued
/// or Running was cut short by the last stop (a crash or a kill; a graceful stop records its own),
/// so it becomes Aborted, with a warning in the event log. The engine reconciles each VM with the
/// QEMU process that is really there on its own start-up.
/// </summary>
internal sealed class JobRecovery(
    IJobStore store,
    JobFeed feed,
    IEventLog eventLog,
    TimeProvider time,
    IOptions<JobOptions> options,
    ILogger<JobRecovery> logger)
{
    private readonly Lock _sync = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _run;

    /// <summary>Completes once recovery has run; <see cref="JobService"/> waits for it before accepting a job.</summary>
    public Task Completed => _completed.Task;

    public Task RunOnceAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return _run ??= RunAsync(cancellationToken);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var aborted = await store.AbortUnfinishedAsync(JobSentences.ServerStoppedWhileRunning, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            foreach (var job in aborted)
            {
                await ReportAsync(job).ConfigureAwait(false);
            }

            feed.Seed(await store.QueryAsync(new JobQuery { Limit = options.Value.RecentJobs }, cancellationToken).ConfigureAwait(false));
            _completed.TrySetResult();
        }
        catch (Exception e)
        {
            _completed.TrySetException(e);
            throw;
        }
    }

    private async Task ReportAsync(JobInfo job)
    {
        var message = $"The job \"{job.Description}\" (started by {job.StartedBy}) was aborted: {JobSentences.ServerStoppedWhileRunning}";
        logger.LogWarning("{Message}", message);
        try
        {
            await eventLog.WriteAsync(new HostEvent
            {
                TimeUtc = time.GetUtcNow(),
                Level = EventLevel.Warning,
                Source = HostEvent.ManagementSource,
                VmId = job.VmId,
                VmName = job.VmName,
                Message = message,
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The event log could not store: {Message}", message);
        }
    }
}
