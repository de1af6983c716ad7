namespace HvWeb.Jobs;

/// <summary>Filters for the jobs list; newest first.</summary>
public sealed record JobQuery
{
    public Guid? VmId { get; init; }
    public string? Kind { get; init; }
    public JobState? State { get; init; }
    public string? StartedBy { get; init; }
    public int Limit { get; init; } = 200;
}
