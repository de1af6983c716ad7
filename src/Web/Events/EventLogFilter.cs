using System.Globalization;
using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;
using Microsoft.AspNetCore.WebUtilities;

namespace HvWeb.Web.Events;

/// <summary>
/// The event log page's filters. The page's list and its CSV link are made from the same search,
/// so the export holds exactly what the filters show (without the page's row limit).
/// </summary>
public sealed record EventLogFilter
{
    public const string ExportPath = "api/v1/events/export.csv";

    public EventLevel? MinimumLevel { get; init; }
    public string? Source { get; init; }
    public Guid? VmId { get; init; }
    public EventTimeRange Range { get; init; } = EventTimeRange.AnyTime;

    /// <summary>With <see cref="EventTimeRange.Custom"/>: the first day (UTC), inclusive.</summary>
    public DateTime? FromDate { get; init; }

    /// <summary>With <see cref="EventTimeRange.Custom"/>: the last day (UTC), inclusive.</summary>
    public DateTime? ToDate { get; init; }

    public string? Text { get; init; }

    public static string RangeLabel(EventTimeRange range) => range switch
    {
        EventTimeRange.AnyTime => "Any time",
        EventTimeRange.LastHour => "Last hour",
        EventTimeRange.Last12Hours => "Last 12 hours",
        EventTimeRange.Last24Hours => "Last 24 hours",
        EventTimeRange.Last7Days => "Last 7 days",
        EventTimeRange.Last30Days => "Last 30 days",
        EventTimeRange.Custom => "Custom range",
    };

    public EventSearch ToSearch(DateTimeOffset now, int? limit)
    {
        var (from, to) = Window(now);
        return new EventSearch
        {
            VmId = VmId,
            MinimumLevel = MinimumLevel,
            Source = string.IsNullOrWhiteSpace(Source) ? null : Source,
            FromUtc = from,
            ToUtc = to,
            Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
            Limit = limit,
        };
    }

    /// <summary>The CSV export of the same filters (relative to the app's base address).</summary>
    public string ExportUrl(DateTimeOffset now)
    {
        var search = ToSearch(now, limit: null);
        var query = new Dictionary<string, string?>();
        if (search.VmId is { } vmId)
        {
            query["vmId"] = vmId.ToString("D");
        }

        if (search.MinimumLevel is { } level)
        {
            query["level"] = level.ToString();
        }

        query["source"] = search.Source;
        query["from"] = search.FromUtc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        query["to"] = search.ToUtc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        query["text"] = search.Text;
        return QueryHelpers.AddQueryString(ExportPath, query.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
    }

    private (DateTimeOffset? From, DateTimeOffset? To) Window(DateTimeOffset now) => Range switch
    {
        EventTimeRange.AnyTime => (null, null),
        EventTimeRange.LastHour => (now.AddHours(-1), null),
        EventTimeRange.Last12Hours => (now.AddHours(-12), null),
        EventTimeRange.Last24Hours => (now.AddHours(-24), null),
        EventTimeRange.Last7Days => (now.AddDays(-7), null),
        EventTimeRange.Last30Days => (now.AddDays(-30), null),
        EventTimeRange.Custom => (Day(FromDate), Day(ToDate)?.AddDays(1)),
    };

    private static DateTimeOffset? Day(DateTime? date) =>
        date is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d.Date, DateTimeKind.Utc)) : null;
}
