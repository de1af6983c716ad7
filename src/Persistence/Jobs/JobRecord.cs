using HvWeb.Jobs;

namespace HvWeb.Persistence.Jobs;

/// <summary>A row of the jobs table (<see cref="JobInfo"/> as stored).</summary>
public sealed class JobRecord
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Description { get; set; }
    public Guid? VmId { get; set; }
    public string? VmName { get; set; }
    public required string StartedBy { get; set; }
    public JobState State { get; set; }
    public int Percent { get; set; }
    public string? Step { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }
    public string? Error { get; set; }
    public bool CanCancel { get; set; }
    public List<JobLogRecord> Log { get; set; } = [];
}
