namespace HvWeb.Jobs;

/// <summary>
/// One progress report of a running job.
/// </summary>
/// <param name="Percent">0 to 100.</param>
/// <param name="Step">What the job is doing now ("Merging Disk1.qcow2"); null leaves the current step as it is.</param>
/// <param name="LogLine">A line for the job's log, if this report has one.</param>
public sealed record JobProgress(int Percent, string? Step, string? LogLine = null);
