namespace HvWeb.Jobs;

/// <summary>Where jobs and their logs are kept (Persistence implements it on SQLite).</summary>
public interface IJobStore
{
    Task AddAsync(JobInfo job, CancellationToken cancellationToken = default);

    /// <summary>Writes the job's current state, percent, step, times and error.</summary>
    Task UpdateAsync(JobInfo job, CancellationToken cancellationToken = default);

    Task AppendLogAsync(Guid jobId, IReadOnlyList<JobLogLine> lines, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several jobs' current state and new log lines in one transaction (the runner's
    /// coalesced progress, and each state change with its log line). Throws
    /// <see cref="JobNotFoundException"/> if a job was never added; then nothing is written.
    /// </summary>
    Task WriteAsync(IReadOnlyList<JobWrite> writes, CancellationToken cancellationToken = default);

    Task<JobInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crash recovery: every job still Queued or Running becomes Aborted with the reason as its
    /// error, ended at <paramref name="now"/>, and its log ends with the reason; returns them.
    /// </summary>
    Task<IReadOnlyList<JobInfo>> AbortUnfinishedAsync(string reason, DateTimeOffset now, CancellationToken cancellationToken = default);
}
