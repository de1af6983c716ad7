using HvWeb.Jobs;

namespace HvWeb.Web.Jobs;

/// <summary>The jobs page's filters: VM, kind, state, user (each null = any).</summary>
public sealed record JobFilter
{
    /// <summary>The newest jobs shown at most.</summary>
    public const int Limit = 200;

    public Guid? VmId { get; init; }
    public string? Kind { get; init; }
    public JobState? State { get; init; }
    public string? StartedBy { get; init; }

    public JobQuery ToQuery() => new() { VmId = VmId, Kind = Kind, State = State, StartedBy = StartedBy, Limit = Limit };

    /// <summary>Whether a job pushed by the live stream belongs in the filtered list.</summary>
    public bool Matches(JobInfo job) =>
        (VmId is null || job.VmId == VmId)
        && (Kind is null || string.Equals(job.Kind, Kind, StringComparison.Ordinal))
        && (State is null || job.State == State)
        && (StartedBy is null || string.Equals(job.StartedBy, StartedBy, StringComparison.Ordinal));
}
