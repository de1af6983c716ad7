using HvWeb.Engine.Events;

namespace HvWeb.Persistence.Events;

/// <summary>Reading the event log for people: search with every filter, distinct sources, and a stream for export.</summary>
public interface IEventLogReader
{
    /// <summary>Newest first; at most <see cref="EventSearch.Limit"/> events.</summary>
    Task<IReadOnlyList<HostEvent>> SearchAsync(EventSearch search, CancellationToken cancellationToken = default);

    /// <summary>Every matching event, newest first, read as it is written out (no limit unless one is set).</summary>
    IAsyncEnumerable<HostEvent> StreamAsync(EventSearch search, CancellationToken cancellationToken = default);

    /// <summary>The sources that occur in the log, in order ("Hyper-V-VMMS", "Hyper-V-Worker", …).</summary>
    Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default);
}
