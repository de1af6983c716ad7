using HvWeb.Jobs;

namespace HvWeb.Web.Api.Jobs;

/// <summary>GET /jobs/{id}: the job as in the list, plus its log lines (oldest first).</summary>
public sealed record JobDetailsDto
{
    public required Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public Guid? VmId { get; init; }
    public string? VmName { get; init; }
    public required string StartedBy { get; init; }
    public required JobState State { get; init; }
    public int Percent { get; init; }
    public string? Step { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    public string? Error { get; init; }
    public bool CanCancel { get; init; }
    public required IReadOnlyList<JobLogLine> Log { get; init; }

    public static JobDetailsDto From(JobInfo job, IReadOnlyList<JobLogLine> log) => new()
    {
        Id = job.Id,
        Kind = job.Kind,
        Description = job.Description,
        VmId = job.VmId,
        VmName = job.VmName,
        StartedBy = job.StartedBy,
        State = job.State,
        Percent = job.Percent,
        Step = job.Step,
        CreatedUtc = job.CreatedUtc,
        StartedUtc = job.StartedUtc,
        EndedUtc = job.EndedUtc,
        Error = job.Error,
        CanCancel = job.CanCancel,
        Log = log,
    };
}
