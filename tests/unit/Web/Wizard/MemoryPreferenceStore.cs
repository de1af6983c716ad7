using System.Collections.Concurrent;
using HvWeb.Persistence.Preferences;

namespace HvWeb.Tests.Unit.Web.Wizard;

/// <summary>Per-user preferences in memory, for component tests (the SQLite store has its own tests).</summary>
public sealed class MemoryPreferenceStore : IUserPreferenceStore
{
    private readonly ConcurrentDictionary<(string User, string Key), string> _values = new();

    public Task<string?> GetAsync(string user, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue((user, key), out var value) ? value : null);

    public Task<IReadOnlyDictionary<string, string>> ListAsync(string user, string keyPrefix = "", CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_values
            .Where(p => p.Key.User == user && p.Key.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key.Key, p => p.Value));

    public Task SetAsync(string user, string key, string value, CancellationToken cancellationToken = default)
    {
        _values[(user, key)] = value;
        return Task.CompletedTask;
    }

    public Task<int> RemoveAsync(string user, string keyPrefix, CancellationToken cancellationToken = default)
    {
        var keys = _values.Keys.Where(k => k.User == user && k.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();
        return Task.FromResult(keys.Count(k => _values.TryRemove(k, out _)));
    }
}
