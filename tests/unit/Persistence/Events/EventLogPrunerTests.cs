using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Persistence.Events;

public sealed class EventLogPrunerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = HostEventBuilder.Origin;

    private InMemoryDatabase database = null!;

    public async Task InitializeAsync() => database = await InMemoryDatabase.CreateMigratedAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task PruneAsync_OlderThanRetentionDays_Deleted()
    {
        await WriteAsync(
            new HostEventBuilder().At(Now.AddDays(-31)).WithMessage("too old"),
            new HostEventBuilder().At(Now.AddDays(-29)).WithMessage("recent"),
            new HostEventBuilder().At(Now).WithMessage("now"));

        var deleted = await Pruner(days: 30, rows: 1000).PruneAsync(Now);

        Assert.Equal(1, deleted);
        Assert.Equal(["now", "recent"], await MessagesAsync());
    }

    [Fact]
    public async Task PruneAsync_MoreThanRetentionRows_KeepsTheNewest()
    {
        await WriteAsync(Enumerable.Range(1, 5).Select(i => new HostEventBuilder().AtMinute(i).WithMessage($"e{i}")).ToArray());

        var deleted = await Pruner(days: 30, rows: 3).PruneAsync(Now);

        Assert.Equal(2, deleted);
        Assert.Equal(["e5", "e4", "e3"], await MessagesAsync());
    }

    [Fact]
    public async Task PruneAsync_BothLimits_AppliesBoth()
    {
        await WriteAsync(
            new HostEventBuilder().At(Now.AddDays(-40)).WithMessage("old"),
            new HostEventBuilder().AtMinute(1).WithMessage("a"),
            new HostEventBuilder().AtMinute(2).WithMessage("b"),
            new HostEventBuilder().AtMinute(3).WithMessage("c"));

        var deleted = await Pruner(days: 30, rows: 2).PruneAsync(Now);

        Assert.Equal(2, deleted);
        Assert.Equal(["c", "b"], await MessagesAsync());
    }

    [Fact]
    public async Task PruneAsync_WithinLimits_DeletesNothing()
    {
        await WriteAsync(new HostEventBuilder().AtMinute(1), new HostEventBuilder().AtMinute(2));

        Assert.Equal(0, await Pruner(days: 30, rows: 2).PruneAsync(Now));
        Assert.Equal(2, (await MessagesAsync()).Count);
    }

    [Fact]
    public async Task PruneAsync_EmptyLog_DeletesNothing() =>
        Assert.Equal(0, await Pruner(days: 1, rows: 1).PruneAsync(Now));

    private EventLogPruner Pruner(int days, int rows) =>
        new(database.Factory, Options.Create(new EventLogOptions { RetentionDays = days, RetentionRows = rows }));

    private async Task WriteAsync(params HostEventBuilder[] builders)
    {
        var log = new SqliteEventLog(database.Factory);
        foreach (var builder in builders)
        {
            await log.WriteAsync(builder.Build());
        }
    }

    private async Task<IReadOnlyList<string>> MessagesAsync() =>
        [.. (await new SqliteEventLog(database.Factory).QueryAsync(new EventQuery { Limit = 1000 })).Select(e => e.Message)];
}
