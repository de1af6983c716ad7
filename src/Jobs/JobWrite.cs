namespace HvWeb.Jobs;

/// <summary>One job's state as it is now, and the log lines added since its last write.</summary>
public sealed record JobWrite(JobInfo Job, IReadOnlyList<JobLogLine> NewLines);
