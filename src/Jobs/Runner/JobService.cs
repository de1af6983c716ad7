namespace HvWeb.Jobs.Runner;

/// <summary>
/// The runner's face for the API and the pages. Jobs not yet ended are answered from memory
/// (their freshest progress); ended ones from the store.
/// </summary>
internal sealed class JobService(
    JobQueue queue,
    JobExecutor executor,
    JobFeed feed,
    JobRecovery recovery,
    IJobStore store,
    TimeProvider time) : IJobService, IVmJobLock
{
    /// <summary>
    /// Takes the job's VM lock, lets the job validate itself, records it (Queued) and queues it.
    /// Waits for crash recovery first, so that recovery never aborts a job accepted meanwhile.
    /// </summary>
    public async Task<JobInfo> EnqueueAsync(IJob job, string startedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(startedBy);
        await recovery.Completed.WaitAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var entry = new JobEntry(job, new JobInfo
        {
            Id = Guid.CreateVersion7(now),
            Kind = job.Kind,
            Description = job.Description,
            VmId = job.VmId,
            VmName = job.VmName,
            StartedBy = startedBy,
            State = JobState.Queued,
            CreatedUtc = now,
            // A queued job can always be taken out of the queue; once it runs, the job decides.
            CanCancel = true,
        }, time);
        queue.Accept(entry);
        try
        {
            await job.ValidateAsync(cancellationToken).ConfigureAwait(false);
            // Once valid, the job is recorded even if the caller goes away meanwhile.
            await store.AddAsync(entry.Info, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            queue.Remove(entry);
            throw;
        }

        entry.Log($"Queued by {startedBy}.");
        // Published before it can start, so subscribers see Queued before Running.
        var queued = entry.Info;
        feed.Publish(queued);
        if (!queue.Enqueue(entry))
        {
            await executor.EndAsync(entry, JobState.Aborted, JobSentences.ServerStoppedBeforeStart).ConfigureAwait(false);
            return entry.Info;
        }

        return queued;
    }

    public async Task<JobInfo> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        queue.Find(id)?.Info
        ?? await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new JobNotFoundException(id);

    public async Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        var stored = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(job => JobEntry.IsTerminal(job.State) ? job : queue.Find(job.Id)?.Info ?? job)];
    }

    /// <summary>The job's log as written; lines of a running job reach it within half a second.</summary>
    public async Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (queue.Find(id) is null && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new JobNotFoundException(id);
        }

        return await store.GetLogAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A queued job is taken out of the queue and Cancelled at once (whether or not its work could
    /// be cancelled: it has not started). A running one is asked to stop through its token if it
    /// <see cref="IJob.CanCancel"/>; it becomes Cancelled when its work gives up.
    /// </summary>
    public async Task<JobInfo> CancelAsync(Guid id, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        var entry = queue.Find(id);
        if (entry is null || entry.IsEnded)
        {
            var job = entry?.Info ?? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
            throw new JobStateException(JobSentences.CannotCancel(job));
        }

        if (queue.TryRemoveWaiting(entry))
        {
            await entry.RequestCancelAsync(requestedBy).ConfigureAwait(false);
            await executor.EndAsync(entry, JobState.Cancelled, null).ConfigureAwait(false);
            return entry.Info;
        }

        if (!entry.Job.CanCancel)
        {
            throw new JobStateException(JobSentences.CannotCancel(entry.Info));
        }

        await entry.RequestCancelAsync(requestedBy).ConfigureAwait(false);
        return entry.Info;
    }

    public JobSubscription Subscribe() => feed.Subscribe();

    public JobInfo? Holder(Guid vmId) => queue.HolderOf(vmId)?.Info;

    public void ThrowIfLocked(Guid vmId)
    {
        if (queue.HolderOf(vmId) is { } holder)
        {
            throw new JobStateException(JobSentences.VmLocked(holder));
        }
    }
}
