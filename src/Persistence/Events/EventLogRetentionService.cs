using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Persistence.Events;

/// <summary>Runs the event log's retention at start-up and then every <see cref="EventLogOptions.PruneInterval"/>.</summary>
internal sealed class EventLogRetentionService(
    EventLogPruner pruner,
    IOptions<EventLogOptions> options,
    TimeProvider time,
    ILogger<EventLogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PruneOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var deleted = await pruner.PruneAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                logger.LogInformation(
                    "Event log retention deleted {Count} events (keeping {Days} days, at most {Rows} events).",
                    deleted, options.Value.RetentionDays, options.Value.RetentionRows);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed pass is retried at the next tick; the log keeps growing meanwhile.
            logger.LogError(e, "Event log retention failed");
        }
    }
}
