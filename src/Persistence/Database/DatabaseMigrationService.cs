using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.Persistence.Database;

/// <summary>
/// In <see cref="StartingAsync"/>, which the host runs before any hosted service's StartAsync
/// (see AddHvPersistence): creates the data root if needed, applies pending migrations and puts
/// the database in WAL mode (readers never block the writer; the mode is stored in the file).
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
            var file = new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource;
            CreateFolderOf(file);
            await MigrateAsync(context, cancellationToken).ConfigureAwait(false);
            await EnableWalAsync(context, file, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void CreateFolderOf(string file)
    {
        var folder = Path.IsPathRooted(file) ? Path.GetDirectoryName(file) : null;
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private async Task MigrateAsync(HvWebDbContext context, CancellationToken cancellationToken)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            logger.LogInformation("Database migrated: {Migrations}", string.Join(", ", pending));
        }
    }

    private async Task EnableWalAsync(HvWebDbContext context, string file, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = context.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    // In memory, or a file system without shared memory: SQLite keeps its mode.
                    logger.LogWarning("SQLite database {File} is in journal mode {Mode}, not WAL.", file, mode);
                }
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
