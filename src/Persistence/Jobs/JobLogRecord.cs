namespace HvWeb.Persistence.Jobs;

/// <summary>One line of a job's log, in the order written (<see cref="Id"/>).</summary>
public sealed class JobLogRecord
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public DateTimeOffset TimeUtc { get; set; }
    public required string Text { get; set; }
}
