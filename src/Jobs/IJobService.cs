namespace HvWeb.Jobs;

/// <summary>
/// Starting, following and cancelling jobs (the runner's face for the API and the pages). Throws
/// <see cref="JobNotFoundException"/> (404) and <see cref="JobStateException"/> (409).
/// </summary>
public interface IJobService
{
    /// <summary>Records the job and queues it; returns at once with its id (Queued or Running).</summary>
    Task<JobInfo> EnqueueAsync(IJob job, string startedBy, CancellationToken cancellationToken = default);

    Task<JobInfo> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Asks a Queued or Running cancellable job to stop; returns its info after the request.</summary>
    Task<JobInfo> CancelAsync(Guid id, string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>The unfinished and recent jobs plus a stream of changes (progress, state).</summary>
    JobSubscription Subscribe();
}
