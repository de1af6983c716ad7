using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Database;

/// <summary>Where the database file is and how every connection to it is opened.</summary>
internal static class SqliteDatabaseSetup
{
    public const string FileName = "hvweb.db";

    /// <summary>How long a command waits for another connection's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    public static string ConnectionString(string dataRoot) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataRoot), FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries busy / locked commands (also its implicit ones, such as
            // BEGIN) until this many seconds have passed.
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string dataRoot) =>
        builder
            .UseSqlite(ConnectionString(dataRoot))
            .AddInterceptors(SqliteConnectionSetupInterceptor.Instance);
}
