using HvWeb.Engine.Events;

namespace HvWeb.Persistence.Events;

/// <summary>A row of the event log (<see cref="HostEvent"/> as stored).</summary>
public sealed class EventRecord
{
    public long Id { get; set; }
    public DateTimeOffset TimeUtc { get; set; }
    public EventLevel Level { get; set; }
    public required string Source { get; set; }
    public Guid? VmId { get; set; }
    public string? VmName { get; set; }
    public required string Message { get; set; }
}
