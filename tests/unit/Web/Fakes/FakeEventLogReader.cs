using System.Runtime.CompilerServices;
using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;

namespace HvWeb.Tests.Unit.Web.Fakes;

/// <summary>The event log in memory for page tests: filters like the real one (roughly) and records each search.</summary>
public sealed class FakeEventLogReader : IEventLogReader
{
    public List<HostEvent> Events { get; } = [];

    public List<EventSearch> Searches { get; } = [];

    public EventSearch LastSearch => Searches[^1];

    public FakeEventLogReader With(params HostEvent[] events)
    {
        Events.AddRange(events);
        return this;
    }

    public Task<IReadOnlyList<HostEvent>> SearchAsync(EventSearch search, CancellationToken cancellationToken = default)
    {
        Searches.Add(search);
        var found = Filter(search);
        return Task.FromResult<IReadOnlyList<HostEvent>>([.. search.Limit is { } limit ? found.Take(limit) : found]);
    }

    public async IAsyncEnumerable<HostEvent> StreamAsync(EventSearch search, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Searches.Add(search);
        foreach (var entry in Filter(search))
        {
            await Task.Yield();
            yield return entry;
        }
    }

    public Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. Events.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal)]);

    private IEnumerable<HostEvent> Filter(EventSearch search) => Events
        .Where(e => search.VmId is null || e.VmId == search.VmId)
        .Where(e => search.MinimumLevel is null || e.Level >= search.MinimumLevel)
        .Where(e => search.Source is null || e.Source == search.Source)
        .Where(e => search.FromUtc is null || e.TimeUtc >= search.FromUtc)
        .Where(e => search.ToUtc is null || e.TimeUtc < search.ToUtc)
        .Where(e => search.Text is null || e.Message.Contains(search.Text, StringComparison.OrdinalIgnoreCase))
        .OrderByDescending(e => e.TimeUtc);
}
