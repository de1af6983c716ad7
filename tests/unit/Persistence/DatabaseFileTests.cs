using HvWeb.Engine.Events;
using HvWeb.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HvWeb.Tests.Unit.Persistence;

/// <summary>The database as the host really opens it: a file under a data root, migrated at start.</summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly TemporaryDirectory dataRoot = new();

    public void Dispose() => dataRoot.Dispose();

    [Fact]
    public async Task StartAsync_NewDataRoot_CreatesDatabaseWithEveryMigration()
    {
        using var host = await StartHostAsync();

        await using var context = await host.Services.GetRequiredService<IDbContextFactory<HvWebDbContext>>().CreateDbContextAsync();
        Assert.True(File.Exists(DatabaseFile));
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task StartAsync_NewDataRoot_LeavesDatabaseInWalMode()
    {
        using (await StartHostAsync())
        {
        }

        // A plain connection, without HvWeb's interceptor: WAL must be stored in the file.
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task StartAsync_ExistingRollbackJournalDatabase_SwitchesToWal()
    {
        // EF Core creates new files in WAL itself; a file made elsewhere must be switched by HvWeb.
        Directory.CreateDirectory(dataRoot.Path);
        await using (var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.Equal("delete", await ScalarAsync(connection, "PRAGMA journal_mode = DELETE;"));
            await ScalarAsync(connection, "CREATE TABLE Probe (Id INTEGER);");
        }

        using (await StartHostAsync())
        {
        }

        await using var reopened = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await reopened.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(reopened, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task CreateDbContext_OpenedConnection_HasFiveSecondBusyTimeout()
    {
        using var host = await StartHostAsync();

        await using var context = await host.Services.GetRequiredService<IDbContextFactory<HvWebDbContext>>().CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();

        Assert.Equal(5000L, await ScalarAsync(context.Database.GetDbConnection(), "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task StartAsync_HostedServiceRegisteredEarlier_SeesMigratedDatabase()
    {
        var probe = new EventLogProbe();

        using var host = await StartHostAsync(services => services.AddHostedService(sp =>
        {
            probe.Log = sp.GetRequiredService<IEventLog>();
            return probe;
        }));

        Assert.Empty(probe.EventsSeenAtStart!);
    }

    [Fact]
    public async Task StartAsync_ExistingDatabase_KeepsEvents()
    {
        using (var first = await StartHostAsync())
        {
            await first.Services.GetRequiredService<IEventLog>().WriteAsync(new HostEventBuilder().WithMessage("kept").Build());
            await first.StopAsync();
        }

        using var second = await StartHostAsync();
        var events = await second.Services.GetRequiredService<IEventLog>().QueryAsync(new EventQuery());

        Assert.Equal(["kept"], events.Select(e => e.Message));
    }

    private string DatabaseFile => Path.Combine(dataRoot.Path, "hvweb.db");

    private async Task<IHost> StartHostAsync(Action<IServiceCollection>? registerFirst = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        registerFirst?.Invoke(builder.Services);
        builder.Services.AddHvPersistence(dataRoot.Path);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
