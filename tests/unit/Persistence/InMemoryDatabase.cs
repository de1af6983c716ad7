using HvWeb.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HvWeb.Tests.Unit.Persistence;

/// <summary>
/// A migrated SQLite database in memory. It lives as long as its one connection stays open,
/// so the connection is held here and shared by every context the factory creates.
/// </summary>
internal sealed class InMemoryDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private InMemoryDatabase(SqliteConnection connection, DbContextOptions<HvWebDbContext> options)
    {
        this.connection = connection;
        Options = options;
        Factory = new PooledDbContextFactory<HvWebDbContext>(options);
    }

    public DbContextOptions<HvWebDbContext> Options { get; }

    public IDbContextFactory<HvWebDbContext> Factory { get; }

    public static async Task<InMemoryDatabase> CreateMigratedAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<HvWebDbContext>().UseSqlite(connection).Options;
        await using (var context = new HvWebDbContext(options))
        {
            await context.Database.MigrateAsync();
        }

        return new InMemoryDatabase(connection, options);
    }

    public HvWebDbContext CreateContext() => new(Options);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
