using HvWeb.Engine.Events;
using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Events;

/// <summary>The event log in the host's database. Thread-safe: each call uses its own context.</summary>
internal sealed class SqliteEventLog(IDbContextFactory<HvWebDbContext> contextFactory) : IEventLog
{
    /// <summary>The most events one query returns, whatever <see cref="EventQuery.Limit"/> asks.</summary>
    public const int MaxLimit = 1000;

    public async Task WriteAsync(HostEvent entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            context.Events.Add(EventRecordMapping.ToRecord(entry));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Events matching every filter that is set, newest first (ties in the order written);
    /// <see cref="EventQuery.Since"/> is inclusive, <see cref="EventQuery.Limit"/> is capped at
    /// <see cref="MaxLimit"/> and 0 or less returns nothing.
    /// </summary>
    public async Task<IReadOnlyList<HostEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var records = await Filter(context.Events.AsNoTracking(), query)
                .OrderByDescending(e => e.TimeUtc)
                .ThenByDescending(e => e.Id)
                .Take(Math.Clamp(query.Limit, 0, MaxLimit))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return records.ConvertAll(EventRecordMapping.ToEvent);
        }
    }

    private static IQueryable<EventRecord> Filter(IQueryable<EventRecord> events, EventQuery query)
    {
        if (query.VmId is { } vmId)
        {
            events = events.Where(e => e.VmId == vmId);
        }

        if (query.MinimumLevel is { } level)
        {
            events = events.Where(e => e.Level >= level);
        }

        if (!string.IsNullOrEmpty(query.Source))
        {
            events = events.Where(e => e.Source == query.Source);
        }

        if (query.Since is { } since)
        {
            events = events.Where(e => e.TimeUtc >= since);
        }

        return events;
    }
}
