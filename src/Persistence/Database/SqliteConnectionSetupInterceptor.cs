using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HvWeb.Persistence.Database;

/// <summary>
/// Runs the per-connection pragmas each time EF Core opens a connection. busy_timeout is per
/// connection and makes SQLite itself wait for a lock; journal_mode=WAL is stored in the file
/// (so readers never block the writer) and is a no-op once set, which keeps a copied or restored
/// database in WAL without a separate step.
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetupInterceptor Instance = new();

    private static readonly string Pragmas =
        $"PRAGMA busy_timeout = {(int)SqliteDatabaseSetup.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = CreateCommand(connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
