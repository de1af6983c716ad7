using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HvWeb.Persistence.Database;

/// <summary>
/// Sets SQLite's busy timeout each time EF Core opens a connection (it is per connection), so a
/// command waiting for another connection's lock sleeps in SQLite instead of failing at once.
/// WAL is not set here: it is stored in the file and set once at start-up
/// (<see cref="DatabaseMigrationService"/>), and EF Core also opens read-only connections.
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetupInterceptor Instance = new();

    private static readonly string BusyTimeoutPragma =
        $"PRAGMA busy_timeout = {(int)SqliteDatabaseSetup.BusyTimeout.TotalMilliseconds};";

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

    // One statement per command: Microsoft.Data.Sqlite does not report errors of later statements.
    private static DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = BusyTimeoutPragma;
        return command;
    }
}
