using Microsoft.EntityFrameworkCore;

namespace HvWeb.Tests.Unit.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task HasPendingModelChanges_CurrentModel_IsFalse()
    {
        await using var database = await InMemoryDatabase.CreateMigratedAsync();
        await using var context = database.CreateContext();

        Assert.False(
            context.Database.HasPendingModelChanges(),
            "The model has changes no migration covers: run `dotnet ef migrations add <Name> --project src/Persistence`.");
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigration()
    {
        await using var database = await InMemoryDatabase.CreateMigratedAsync();
        await using var context = database.CreateContext();

        var applied = await context.Database.GetAppliedMigrationsAsync();

        Assert.NotEmpty(applied);
        Assert.Equal(context.Database.GetMigrations(), applied);
    }
}
