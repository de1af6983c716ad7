using HvWeb.Engine.Events;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

internal sealed class RecordingEventLog : IEventLog
{
    private readonly Lock _sync = new();
    private readonly List<HostEvent> _events = [];

    public IReadOnlyList<HostEvent> Events { get { lock (_sync) { return [.. _events]; } } }

    public Task WriteAsync(HostEvent entry, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _events.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HostEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HostEvent>>(Events);
}
