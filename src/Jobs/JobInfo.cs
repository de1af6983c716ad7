namespace HvWeb.Jobs;

/// <summary>A job as lists, pages and the API show it (one row of the jobs table).</summary>
public sealed record JobInfo
{
    public required Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public Guid? VmId { get; init; }
    public string? VmName { get; init; }
    /// <summary>The user who started it ("admin", "system" for schedules and automatic actions).</summary>
    public required string StartedBy { get; init; }
    public required JobState State { get; init; }
    public int Percent { get; init; }
    public string? Step { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    /// <summary>Why it Failed or was Aborted; null otherwise.</summary>
    public string? Error { get; init; }
    public bool CanCancel { get; init; }
}
