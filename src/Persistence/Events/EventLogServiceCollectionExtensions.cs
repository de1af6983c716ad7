using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HvWeb.Persistence.Events;

public static class EventLogServiceCollectionExtensions
{
    /// <summary>
    /// Searching and exporting the event log (<see cref="IEventLogReader"/>) and its retention
    /// (<see cref="EventLogOptions"/>, section <c>HvWeb:EventLog</c>). Needs <c>AddHvPersistence</c>.
    /// </summary>
    public static IServiceCollection AddHvEventLog(this IServiceCollection services, Action<EventLogOptions> configure)
    {
        services.AddOptions<EventLogOptions>()
            .Configure(configure)
            .Validate(o => o.RetentionDays >= 1, "HvWeb:EventLog:RetentionDays must be at least 1.")
            .Validate(o => o.RetentionRows >= 1, "HvWeb:EventLog:RetentionRows must be at least 1.")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "HvWeb:EventLog:PruneInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEventLogReader, SqliteEventLogReader>();
        services.TryAddSingleton<EventLogPruner>();
        services.AddHostedService<EventLogRetentionService>();
        return services;
    }
}
