using HvWeb.Engine.Events;
using HvWeb.Persistence;
using HvWeb.Persistence.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HvWeb.Tests.Unit.Persistence.Events;

/// <summary>The retention as the host runs it: a database file, AddHvPersistence + AddHvEventLog, a pass at start-up.</summary>
public sealed class EventLogRetentionServiceTests : IDisposable
{
    private readonly TemporaryDirectory dataRoot = new();

    public void Dispose() => dataRoot.Dispose();

    [Fact]
    public async Task StartAsync_LogBeyondRetention_PrunedAtStartUp()
    {
        using (var first = await StartHostAsync(rows: 100_000))
        {
            var log = first.Services.GetRequiredService<IEventLog>();
            var now = TimeProvider.System.GetUtcNow();
            await log.WriteAsync(new HostEventBuilder().At(now.AddDays(-10)).WithMessage("ten days old").Build());
            for (var i = 0; i < 4; i++)
            {
                await log.WriteAsync(new HostEventBuilder().At(now.AddMinutes(i - 10)).WithMessage($"recent {i}").Build());
            }

            await first.StopAsync();
        }

        using var second = await StartHostAsync(rows: 3, days: 7);
        var reader = second.Services.GetRequiredService<IEventLogReader>();

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        IReadOnlyList<HostEvent> events;
        do
        {
            await Task.Delay(50);
            events = await reader.SearchAsync(new EventSearch { Limit = null });
        }
        while (events.Count > 3 && TimeProvider.System.GetUtcNow() < deadline);

        Assert.Equal(["recent 3", "recent 2", "recent 1"], events.Select(e => e.Message));
    }

    [Fact]
    public async Task StartAsync_InvalidRetention_FailsWithTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartHostAsync(rows: 0));

        Assert.Contains("RetentionRows", failure.Message, StringComparison.Ordinal);
    }

    private async Task<IHost> StartHostAsync(int rows, int days = 30)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHvPersistence(dataRoot.Path);
        builder.Services.AddHvEventLog(o =>
        {
            o.RetentionDays = days;
            o.RetentionRows = rows;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
