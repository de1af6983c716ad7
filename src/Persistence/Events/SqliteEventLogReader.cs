using System.Runtime.CompilerServices;
using HvWeb.Engine.Events;
using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Events;

/// <summary>Searches and exports the event log. Thread-safe: each call uses its own context.</summary>
internal sealed class SqliteEventLogReader(IDbContextFactory<HvWebDbContext> contextFactory) : IEventLogReader
{
    public async Task<IReadOnlyList<HostEvent>> SearchAsync(EventSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var records = await Query(context, search).ToListAsync(cancellationToken).ConfigureAwait(false);
            return records.ConvertAll(EventRecordMapping.ToEvent);
        }
    }

    public async IAsyncEnumerable<HostEvent> StreamAsync(EventSearch search, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            await foreach (var record in Query(context, search).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return EventRecordMapping.ToEvent(record);
            }
        }
    }

    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await context.Events.AsNoTracking()
                .Select(e => e.Source)
                .Distinct()
                .OrderBy(s => s)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static IQueryable<EventRecord> Query(HvWebDbContext context, EventSearch search)
    {
        var events = EventSearchFilter.Apply(context.Events.AsNoTracking(), search);
        return search.Limit is { } limit ? events.Take(Math.Max(0, limit)) : events;
    }
}
