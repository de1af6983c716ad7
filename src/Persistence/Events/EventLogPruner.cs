using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HvWeb.Persistence.Events;

/// <summary>Applies the retention: deletes events older than the retention days, then the oldest beyond the retention rows.</summary>
public sealed class EventLogPruner(IDbContextFactory<HvWebDbContext> contextFactory, IOptions<EventLogOptions> options)
{
    /// <summary>Returns how many events were deleted.</summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var cutoff = now - TimeSpan.FromDays(settings.RetentionDays);
            var deleted = await context.Events.Where(e => e.TimeUtc < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            // The newest rows are the highest ids (written in order); keep RetentionRows of them.
            var oldestKept = await context.Events
                .OrderByDescending(e => e.Id)
                .Skip(settings.RetentionRows - 1)
                .Select(e => (long?)e.Id)
                .FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
            if (oldestKept is { } id)
            {
                deleted += await context.Events.Where(e => e.Id < id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }
    }
}
