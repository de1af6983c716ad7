namespace HvWeb.Jobs;

/// <summary>
/// Where a job is in its life. <see cref="Queued"/> and <see cref="Running"/> are the only
/// non-terminal states; every job ends in exactly one of the other four.
/// </summary>
public enum JobState
{
    /// <summary>Accepted and given an id; waiting for a free slot.</summary>
    Queued,

    /// <summary>Its <see cref="IJob.ExecuteAsync"/> is running.</summary>
    Running,

    /// <summary>Finished without an exception.</summary>
    Succeeded,

    /// <summary>Threw; the job's log ends with the reason.</summary>
    Failed,

    /// <summary>Stopped on request through its <see cref="CancellationToken"/>.</summary>
    Cancelled,

    /// <summary>The server stopped under it; found still running at the next start-up.</summary>
    Aborted,
}
