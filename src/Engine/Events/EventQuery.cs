namespace HvWeb.Engine.Events;

public sealed record EventQuery
{
    public Guid? VmId { get; init; }
    public EventLevel? MinimumLevel { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int Limit { get; init; } = 200;
}
