namespace HvWeb.Persistence.Events;

/// <summary>How long the event log keeps events (settings <c>HvWeb:EventLog:*</c>).</summary>
public sealed class EventLogOptions
{
    public const string Section = "HvWeb:EventLog";

    /// <summary>Events older than this many days are deleted.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Beyond this many events, the oldest are deleted.</summary>
    public int RetentionRows { get; set; } = 100_000;

    /// <summary>How often the retention runs (also once at start-up).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
