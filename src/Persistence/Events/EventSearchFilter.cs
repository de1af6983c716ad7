using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Events;

/// <summary>Turns an <see cref="EventSearch"/> into SQL (every filter runs in SQLite, none in memory).</summary>
internal static class EventSearchFilter
{
    /// <summary>The escape character for LIKE patterns: the user's %, _ and \ are matched literally.</summary>
    private const string LikeEscape = "\\";

    public static IQueryable<EventRecord> Apply(IQueryable<EventRecord> events, EventSearch search)
    {
        if (search.VmId is { } vmId)
        {
            events = events.Where(e => e.VmId == vmId);
        }

        if (search.MinimumLevel is { } level)
        {
            events = events.Where(e => e.Level >= level);
        }

        if (!string.IsNullOrEmpty(search.Source))
        {
            events = events.Where(e => e.Source == search.Source);
        }

        if (search.FromUtc is { } from)
        {
            events = events.Where(e => e.TimeUtc >= from);
        }

        if (search.ToUtc is { } to)
        {
            events = events.Where(e => e.TimeUtc < to);
        }

        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var pattern = "%" + EscapeLike(search.Text.Trim()) + "%";
            events = events.Where(e => EF.Functions.Like(e.Message, pattern, LikeEscape)
                || (e.VmName != null && EF.Functions.Like(e.VmName, pattern, LikeEscape)));
        }

        return events
            .OrderByDescending(e => e.TimeUtc)
            .ThenByDescending(e => e.Id);
    }

    public static string EscapeLike(string text) => text
        .Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
        .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
        .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}
