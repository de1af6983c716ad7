namespace HvWeb.Web.Events;

/// <summary>Event Viewer's "Logged" choices.</summary>
public enum EventTimeRange
{
    AnyTime,
    LastHour,
    Last12Hours,
    Last24Hours,
    Last7Days,
    Last30Days,
    Custom,
}
