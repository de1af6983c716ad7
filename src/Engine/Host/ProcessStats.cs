namespace HvWeb.Engine.Host;

/// <summary>A process's cumulative CPU time (user + system) and when it started.</summary>
public sealed record ProcessStats(TimeSpan CpuTime, DateTimeOffset StartTime);
