namespace HvWeb.Engine.Events;

/// <summary>The host's event log; implemented by Persistence (SQLite).</summary>
public interface IEventLog
{
    Task WriteAsync(HostEvent entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<HostEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default);
}
