using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;

namespace HvWeb.Tests.Unit.Persistence.Events;

public sealed class SqliteEventLogReaderTests : IAsyncLifetime
{
    private static readonly Guid VmA = Guid.Parse("6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01");

    private InMemoryDatabase database = null!;
    private SqliteEventLogReader reader = null!;

    public async Task InitializeAsync()
    {
        database = await InMemoryDatabase.CreateMigratedAsync();
        reader = new SqliteEventLogReader(database.Factory);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task SearchAsync_Text_FindsInMessageOrVmNameIgnoringCase()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithMessage("The guest reported a PANIC."),
            new HostEventBuilder().AtMinute(2).ForVm(VmA, "panic-lab").WithMessage("VM started."),
            new HostEventBuilder().AtMinute(3).WithMessage("All good."));

        var events = await reader.SearchAsync(new EventSearch { Text = "panic" });

        Assert.Equal(["VM started.", "The guest reported a PANIC."], events.Select(e => e.Message));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("a_b")]
    [InlineData("c:\\vm")]
    public async Task SearchAsync_TextWithLikeCharacters_MatchedLiterally(string text)
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithMessage($"has {text} in it"),
            new HostEventBuilder().AtMinute(2).WithMessage("has 100 percent, aXb and c:vm"));

        var events = await reader.SearchAsync(new EventSearch { Text = text });

        Assert.Equal([$"has {text} in it"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task SearchAsync_TimeRange_FromInclusiveToExclusive()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).WithMessage("before"),
            new HostEventBuilder().AtMinute(2).WithMessage("at from"),
            new HostEventBuilder().AtMinute(3).WithMessage("inside"),
            new HostEventBuilder().AtMinute(4).WithMessage("at to"));

        var events = await reader.SearchAsync(new EventSearch
        {
            FromUtc = HostEventBuilder.Origin.AddMinutes(2),
            ToUtc = HostEventBuilder.Origin.AddMinutes(4),
        });

        Assert.Equal(["inside", "at from"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task SearchAsync_EveryFilter_AllMustMatch()
    {
        await WriteAsync(
            new HostEventBuilder().AtMinute(1).ForVm(VmA).WithLevel(EventLevel.Error).FromSource(HostEvent.WorkerSource).WithMessage("could not start: x"),
            new HostEventBuilder().AtMinute(2).ForVm(VmA).WithLevel(EventLevel.Information).FromSource(HostEvent.WorkerSource).WithMessage("could not start: info"),
            new HostEventBuilder().AtMinute(3).WithLevel(EventLevel.Error).FromSource(HostEvent.WorkerSource).WithMessage("could not start: other vm"),
            new HostEventBuilder().AtMinute(4).ForVm(VmA).WithLevel(EventLevel.Error).FromSource(HostEvent.ManagementSource).WithMessage("could not start: vmms"));

        var events = await reader.SearchAsync(new EventSearch
        {
            VmId = VmA,
            MinimumLevel = EventLevel.Warning,
            Source = HostEvent.WorkerSource,
            Text = "could not start",
            FromUtc = HostEventBuilder.Origin,
        });

        Assert.Equal(["could not start: x"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task SearchAsync_Limit_NewestFirst()
    {
        await WriteAsync(Enumerable.Range(1, 5).Select(i => new HostEventBuilder().AtMinute(i).WithMessage($"e{i}")).ToArray());

        var events = await reader.SearchAsync(new EventSearch { Limit = 2 });

        Assert.Equal(["e5", "e4"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task StreamAsync_NoLimit_EveryMatchingEventNewestFirst()
    {
        await WriteAsync(Enumerable.Range(1, 250).Select(i => new HostEventBuilder().AtMinute(i).WithMessage($"e{i}")).ToArray());

        var events = await reader.StreamAsync(new EventSearch { Limit = null }).ToListAsync();

        Assert.Equal(250, events.Count);
        Assert.Equal("e250", events[0].Message);
        Assert.Equal("e1", events[^1].Message);
    }

    [Fact]
    public async Task SourcesAsync_DistinctSourcesInOrder()
    {
        await WriteAsync(
            new HostEventBuilder().FromSource(HostEvent.WorkerSource),
            new HostEventBuilder().FromSource(HostEvent.ManagementSource),
            new HostEventBuilder().FromSource(HostEvent.WorkerSource));

        Assert.Equal([HostEvent.ManagementSource, HostEvent.WorkerSource], await reader.SourcesAsync());
    }

    private async Task WriteAsync(params HostEventBuilder[] builders)
    {
        var log = new SqliteEventLog(database.Factory);
        foreach (var builder in builders)
        {
            await log.WriteAsync(builder.Build());
        }
    }
}
