using Microsoft.Extensions.Logging;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// Runs one job and records its life: Running with its start time, then Succeeded, Failed (the
/// exception's message), Cancelled (an <see cref="OperationCanceledException"/> after a cancel
/// request) or, when the server stops under it, Aborted. Each state change is written at once
/// and published; the log ends with the outcome line.
/// </summary>
internal sealed class JobExecutor(JobQueue queue, JobWriter writer, JobFeed feed, TimeProvider time, ILogger<JobExecutor> logger)
{
    public async Task RunAsync(JobEntry entry)
    {
        var startedUtc = time.GetUtcNow();
        if (!entry.TryChange(j => j with { State = JobState.Running, StartedUtc = startedUtc, CanCancel = entry.Job.CanCancel }, "Started."))
        {
            return;
        }

        await WriteAndPublishAsync(entry).ConfigureAwait(false);
        var (state, error) = await ExecuteAsync(entry).ConfigureAwait(false);
        await EndAsync(entry, state, error).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the job unless it has ended already (the first outcome wins: a job aborted by a
    /// graceful stop stays Aborted whatever its work does afterwards), then frees its slot and VM.
    /// </summary>
    public async Task EndAsync(JobEntry entry, JobState state, string? error)
    {
        var endedUtc = time.GetUtcNow();
        var ended = entry.TryChange(
            j => j with { State = state, EndedUtc = endedUtc, Error = error, Percent = state == JobState.Succeeded ? 100 : j.Percent },
            JobSentences.Outcome(state, error, entry.CancelRequestedBy, endedUtc - (entry.Info.StartedUtc ?? endedUtc)));
        if (ended)
        {
            queue.ReleaseVm(entry);
            await WriteAndPublishAsync(entry).ConfigureAwait(false);
            queue.Remove(entry);
            logger.LogInformation("Job {Id} ({Description}) ended {State}. {Error}", entry.Id, entry.Info.Description, state, error);
        }
    }

    private async Task<(JobState State, string? Error)> ExecuteAsync(JobEntry entry)
    {
        try
        {
            // Off the runner's thread: a job that blocks before its first await must not stall others.
            await Task.Run(() => entry.Job.ExecuteAsync(entry, entry.CancellationToken), CancellationToken.None).ConfigureAwait(false);
            return (JobState.Succeeded, null);
        }
        catch (OperationCanceledException) when (entry.CancellationToken.IsCancellationRequested)
        {
            return (JobState.Cancelled, null);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {Id} ({Description}) failed.", entry.Id, entry.Info.Description);
            return (JobState.Failed, string.IsNullOrWhiteSpace(e.Message) ? e.GetType().Name : e.Message);
        }
    }

    private async Task WriteAndPublishAsync(JobEntry entry)
    {
        await writer.WriteNowAsync(entry).ConfigureAwait(false);
        entry.TakePublish();
        feed.Publish(entry.Info);
    }
}
