using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.Persistence.Database;

/// <summary>
/// Creates the data root if needed and applies pending migrations in <see cref="StartingAsync"/>,
/// which the host runs before any hosted service's StartAsync (see AddHvPersistence).
/// </summary>
internal sealed class DatabaseMigrationService(
    IDbContextFactory<HvWebDbContext> contextFactory,
    ILogger<DatabaseMigrationService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            CreateFolderOf(context.Database.GetConnectionString());
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                logger.LogInformation("Database migrated: {Migrations}", string.Join(", ", pending));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void CreateFolderOf(string? connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.IsPathRooted(file) ? Path.GetDirectoryName(file) : null;
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
