using HvWeb.Engine.Events;
using HvWeb.Jobs;
using HvWeb.Persistence.Database;
using HvWeb.Persistence.Events;
using HvWeb.Persistence.Jobs;
using HvWeb.Persistence.Preferences;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HvWeb.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database <c>&lt;dataRoot&gt;/hvweb.db</c> (SQLite, WAL, 5 s busy timeout), a pooled
    /// <see cref="IDbContextFactory{HvWebDbContext}"/> that singletons may use, and the stores
    /// (<see cref="IEventLog"/>, <see cref="IJobStore"/>, <see cref="IUserPreferenceStore"/>).
    /// </summary>
    /// <remarks>
    /// Migrations are applied by a hosted service in <c>IHostedLifecycleService.StartingAsync</c>:
    /// the host runs every StartingAsync before any hosted service's StartAsync and before the web
    /// server listens, so nothing started by the host sees an old schema. Call this before the other
    /// <c>AddHv…</c> methods so that it also runs before their StartingAsync, if they have one.
    /// Without a host (tools, tests), run the registered hosted services' StartingAsync yourself.
    /// </remarks>
    public static IServiceCollection AddHvPersistence(this IServiceCollection services, string dataRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);

        services.AddPooledDbContextFactory<HvWebDbContext>(options => SqliteDatabaseSetup.Configure(options, dataRoot));
        services.AddHostedService<DatabaseMigrationService>();
        services.TryAddSingleton<IEventLog, SqliteEventLog>();
        services.TryAddSingleton<IJobStore, SqliteJobStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserPreferenceStore, SqliteUserPreferenceStore>();
        return services;
    }
}
