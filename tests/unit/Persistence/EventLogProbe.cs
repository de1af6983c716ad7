using HvWeb.Engine.Events;
using Microsoft.Extensions.Hosting;

namespace HvWeb.Tests.Unit.Persistence;

/// <summary>A hosted service that reads the event log in StartAsync, as a job runner's recovery would.</summary>
internal sealed class EventLogProbe : IHostedService
{
    public IEventLog? Log { get; set; }

    public IReadOnlyList<HostEvent>? EventsSeenAtStart { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        EventsSeenAtStart = await Log!.QueryAsync(new EventQuery(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
