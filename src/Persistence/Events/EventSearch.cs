using HvWeb.Engine.Events;

namespace HvWeb.Persistence.Events;

/// <summary>
/// The event log page's and the CSV export's filters (each one optional; all that are set must
/// match). <see cref="FromUtc"/> is inclusive, <see cref="ToUtc"/> exclusive; <see cref="Text"/>
/// is found anywhere in the message or the VM's name, ignoring ASCII case.
/// </summary>
public sealed record EventSearch
{
    public Guid? VmId { get; init; }
    public EventLevel? MinimumLevel { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? FromUtc { get; init; }
    public DateTimeOffset? ToUtc { get; init; }
    public string? Text { get; init; }

    /// <summary>The most events returned, newest first; null = all that match (the export).</summary>
    public int? Limit { get; init; } = 200;
}
