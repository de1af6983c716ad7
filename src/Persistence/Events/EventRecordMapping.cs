using HvWeb.Engine.Events;

namespace HvWeb.Persistence.Events;

internal static class EventRecordMapping
{
    /// <summary>The database assigns the id; the entry's own <see cref="HostEvent.Id"/> is ignored.</summary>
    public static EventRecord ToRecord(HostEvent entry) => new()
    {
        TimeUtc = entry.TimeUtc.ToUniversalTime(),
        Level = entry.Level,
        Source = entry.Source,
        VmId = entry.VmId,
        VmName = entry.VmName,
        Message = entry.Message,
    };

    public static HostEvent ToEvent(EventRecord record) => new()
    {
        Id = record.Id,
        TimeUtc = record.TimeUtc,
        Level = record.Level,
        Source = record.Source,
        VmId = record.VmId,
        VmName = record.VmName,
        Message = record.Message,
    };
}
