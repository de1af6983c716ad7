using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;

namespace HvWeb.Tests.Unit.Persistence;

public sealed class SqliteEventLogTests : IAsyncLifetime
{
    private static readonly Guid VmA = Guid.Parse("6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01");
    private static readonly Guid VmB = Guid.Parse("0b7e2d38-8f5e-4d0e-b6a2-6c3f2f9e0b02");

    private InMemoryDatabase database = null!;
    private SqliteEventLog log = null!;

    public async Task InitializeAsync()
    {
        database = await InMemoryDatabase.CreateMigratedAsync();
        log = new SqliteEventLog(database.Factory);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task WriteAsync_FullEvent_RoundTripsEveryField()
    {
        var written = new HostEventBuilder()
            .AtMinute(5)
            .WithLevel(EventLevel.Error)
            .FromSource(HostEvent.WorkerSource)
            .ForVm(VmA, "Web01")
            .WithMessage("'Web01' failed to start.")
            .Build();

        await log.WriteAsync(written);
        var read = Assert.Single(await log.QueryAsync(new EventQuery()));

        Assert.True(read.Id > 0);
        Assert.Equal(written with { Id = read.Id }, read);
    }

    [Fact]
    public async Task WriteAsync_TimeWithOffset_ReadsBackSameInstantInUtc()
    {
        var local = new DateTimeOffset(2025, 3, 1, 14, 30, 0, 123, TimeSpan.FromHours(2));

        await log.WriteAsync(new HostEventBuilder().At(local).Build());
        var read = Assert.Single(await log.QueryAsync(new EventQuery()));

        Assert.Equal(local.UtcDateTime, read.TimeUtc.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, read.TimeUtc.Offset);
    }

    [Fact]
    public async Task QueryAsync_NoFilters_ReturnsNewestFirst()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(2).WithMessage("second"),
            new HostEventBuilder().AtMinute(3).WithMessage("third"),
            new HostEventBuilder().AtMinute(1).WithMessage("first"));

        var events = await log.QueryAsync(new EventQuery());

        Assert.Equal(["third", "second", "first"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_SameTime_ReturnsLastWrittenFirst()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithMessage("written first"),
            new HostEventBuilder().AtMinute(1).WithMessage("written second"));

        var events = await log.QueryAsync(new EventQuery());

        Assert.Equal(["written second", "written first"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_VmId_ReturnsOnlyThatVmsEvents()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).ForVm(VmA).WithMessage("a"),
            new HostEventBuilder().AtMinute(2).ForVm(VmB).WithMessage("b"),
            new HostEventBuilder().AtMinute(3).WithMessage("host"));

        var events = await log.QueryAsync(new EventQuery { VmId = VmA });

        Assert.Equal(["a"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_MinimumLevelWarning_ReturnsWarningsAndErrors()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithLevel(EventLevel.Information).WithMessage("info"),
            new HostEventBuilder().AtMinute(2).WithLevel(EventLevel.Warning).WithMessage("warning"),
            new HostEventBuilder().AtMinute(3).WithLevel(EventLevel.Error).WithMessage("error"));

        var events = await log.QueryAsync(new EventQuery { MinimumLevel = EventLevel.Warning });

        Assert.Equal(["error", "warning"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_Source_ReturnsOnlyThatSource()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).FromSource(HostEvent.ManagementSource).WithMessage("vmms"),
            new HostEventBuilder().AtMinute(2).FromSource(HostEvent.WorkerSource).WithMessage("worker"));

        var events = await log.QueryAsync(new EventQuery { Source = HostEvent.WorkerSource });

        Assert.Equal(["worker"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_Since_IncludesThatInstantAndExcludesOlder()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithMessage("older"),
            new HostEventBuilder().AtMinute(2).WithMessage("at since"),
            new HostEventBuilder().AtMinute(3).WithMessage("newer"));

        var since = HostEventBuilder.Origin.AddMinutes(2).ToOffset(TimeSpan.FromHours(-5));
        var events = await log.QueryAsync(new EventQuery { Since = since });

        Assert.Equal(["newer", "at since"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_AllFilters_ReturnsOnlyEventsMatchingEvery()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).ForVm(VmA).WithLevel(EventLevel.Error).FromSource(HostEvent.WorkerSource).WithMessage("too old"),
            new HostEventBuilder().AtMinute(2).ForVm(VmB).WithLevel(EventLevel.Error).FromSource(HostEvent.WorkerSource).WithMessage("other vm"),
            new HostEventBuilder().AtMinute(3).ForVm(VmA).WithLevel(EventLevel.Information).FromSource(HostEvent.WorkerSource).WithMessage("too low"),
            new HostEventBuilder().AtMinute(4).ForVm(VmA).WithLevel(EventLevel.Error).FromSource(HostEvent.ManagementSource).WithMessage("other source"),
            new HostEventBuilder().AtMinute(5).ForVm(VmA).WithLevel(EventLevel.Warning).FromSource(HostEvent.WorkerSource).WithMessage("match"));

        var events = await log.QueryAsync(new EventQuery
        {
            VmId = VmA,
            MinimumLevel = EventLevel.Warning,
            Source = HostEvent.WorkerSource,
            Since = HostEventBuilder.Origin.AddMinutes(2),
        });

        Assert.Equal(["match"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_Limit_ReturnsNewestThatMany()
    {
        await WriteAsync(Enumerable.Range(1, 5)
            .Select(minute => new HostEventBuilder().AtMinute(minute).WithMessage($"m{minute}"))
            .ToArray());

        var events = await log.QueryAsync(new EventQuery { Limit = 2 });

        Assert.Equal(["m5", "m4"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task QueryAsync_LimitAboveCap_ReturnsMaxLimit()
    {
        await using (var context = database.CreateContext())
        {
            context.Events.AddRange(Enumerable.Range(0, SqliteEventLog.MaxLimit + 5)
                .Select(i => EventRecordMapping.ToRecord(new HostEventBuilder().At(HostEventBuilder.Origin.AddSeconds(i)).Build())));
            await context.SaveChangesAsync();
        }

        var events = await log.QueryAsync(new EventQuery { Limit = int.MaxValue });

        Assert.Equal(SqliteEventLog.MaxLimit, events.Count);
        Assert.Equal(HostEventBuilder.Origin.AddSeconds(SqliteEventLog.MaxLimit + 4), events[0].TimeUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task QueryAsync_LimitZeroOrLess_ReturnsNothing(int limit)
    {
        await WriteAsync(new HostEventBuilder());

        var events = await log.QueryAsync(new EventQuery { Limit = limit });

        Assert.Empty(events);
    }

    private async Task WriteAsync(params HostEventBuilder[] builders)
    {
        foreach (var builder in builders)
        {
            await log.WriteAsync(builder.Build());
        }
    }
}
