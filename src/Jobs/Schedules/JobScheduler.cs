using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.Jobs.Schedules;

/// <summary>
/// Runs each schedule on its own <see cref="PeriodicTimer"/> driven by the <see cref="TimeProvider"/>
/// (so tests advance time by hand), created when the schedule is added. A late tick is not made
/// up: a run that could not start on time is skipped, not queued twice.
/// </summary>
internal sealed class JobScheduler(
    IJobService jobs,
    IEnumerable<IJobSchedule> registered,
    TimeProvider time,
    ILogger<JobScheduler> logger) : IHostedService, IJobScheduler, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private readonly List<Task> _loops = [];

    public IDisposable Add(IJobSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(schedule.Interval, TimeSpan.Zero);
        var handle = new ScheduleHandle(_stopping.Token);
        lock (_sync)
        {
            _loops.RemoveAll(t => t.IsCompleted);
            _loops.Add(RunAsync(schedule, handle.Token));
        }

        return handle;
    }

    /// <summary>Adds the registered schedules; their timers start now, so the first runs are one interval from here.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in registered)
        {
            Add(schedule);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] loops;
        lock (_sync)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(IJobSchedule schedule, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval, time);
        Guid? previous = null;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                previous = await RunOnceAsync(schedule, previous, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Queues one run; returns the job that is now the schedule's latest.</summary>
    private async Task<Guid?> RunOnceAsync(IJobSchedule schedule, Guid? previous, CancellationToken cancellationToken)
    {
        try
        {
            if (previous is { } id && await UnfinishedAsync(id, cancellationToken).ConfigureAwait(false) is { } busy)
            {
                logger.LogWarning("Schedule \"{Schedule}\": run skipped, the previous one is still {State} ({Percent} %).", schedule.Name, busy.State, busy.Percent);
                return previous;
            }

            var job = await jobs.EnqueueAsync(schedule.CreateJob(), schedule.StartedBy, cancellationToken).ConfigureAwait(false);
            return job.Id;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Schedule \"{Schedule}\": run skipped: {Reason}", schedule.Name, e.Message);
            return previous;
        }
    }

    private async Task<JobInfo?> UnfinishedAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var job = await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false);
            return job.State is JobState.Queued or JobState.Running ? job : null;
        }
        catch (JobNotFoundException)
        {
            return null;
        }
    }
}
