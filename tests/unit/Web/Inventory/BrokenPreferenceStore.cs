using HvWeb.Persistence.Preferences;

namespace HvWeb.Tests.Unit.Web.Inventory;

/// <summary>A preference store whose database is gone: every call fails.</summary>
internal sealed class BrokenPreferenceStore : IUserPreferenceStore
{
    private static InvalidOperationException Gone => new("database is locked");

    public Task<string?> GetAsync(string user, string key, CancellationToken cancellationToken = default) => Task.FromException<string?>(Gone);

    public Task<IReadOnlyDictionary<string, string>> ListAsync(string user, string keyPrefix = "", CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyDictionary<string, string>>(Gone);

    public Task SetAsync(string user, string key, string value, CancellationToken cancellationToken = default) => Task.FromException(Gone);

    public Task<int> RemoveAsync(string user, string keyPrefix, CancellationToken cancellationToken = default) => Task.FromException<int>(Gone);
}
