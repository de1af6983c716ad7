using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace HvWeb.JobsBench;

/// <summary>
/// The yardstick: plain Microsoft.Data.Sqlite, one INSERT of a job-sized row per statement (each
/// its own transaction, as a runner that wrote every report would), in the same WAL database.
/// </summary>
internal static class RawInsertBaseline
{
    public static async Task<(double MeanMs, string JournalMode, string Synchronous)> RunAsync(string databaseFile, int inserts)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode;").ConfigureAwait(false);
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;").ConfigureAwait(false);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS BenchRaw (Id TEXT NOT NULL, Percent INTEGER NOT NULL, Step TEXT, TimeUtc INTEGER NOT NULL);").ConfigureAwait(false);

            var insert = connection.CreateCommand();
            await using (insert.ConfigureAwait(false))
            {
                insert.CommandText = "INSERT INTO BenchRaw (Id, Percent, Step, TimeUtc) VALUES ($id, $percent, $step, $time);";
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var percent = insert.Parameters.Add("$percent", SqliteType.Integer);
                var step = insert.Parameters.Add("$step", SqliteType.Text);
                var time = insert.Parameters.Add("$time", SqliteType.Integer);
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < inserts; i++)
                {
                    id.Value = Guid.NewGuid().ToString();
                    percent.Value = i % 100;
                    step.Value = $"Step {i} of {inserts}";
                    time.Value = i;
                    await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                return (clock.Elapsed.TotalMilliseconds / inserts, journal, synchronous);
            }
        }
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync().ConfigureAwait(false)) ?? "";
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
