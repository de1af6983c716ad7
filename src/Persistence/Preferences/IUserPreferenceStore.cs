namespace HvWeb.Persistence.Preferences;

/// <summary>
/// Per-user choices the console remembers (Hyper-V keeps them in the user's profile): the VM list's
/// columns, keyboard and mouse release settings, "don't ask again" answers. Keys are dotted names
/// owned by the feature that writes them (e.g. <c>vmlist.columns</c>, <c>confirm.delete-vm</c>);
/// values are the owner's text (usually JSON). Thread-safe.
/// </summary>
public interface IUserPreferenceStore
{
    Task<string?> GetAsync(string user, string key, CancellationToken cancellationToken = default);

    /// <summary>Every preference of the user whose key starts with <paramref name="keyPrefix"/> ("" = all).</summary>
    Task<IReadOnlyDictionary<string, string>> ListAsync(string user, string keyPrefix = "", CancellationToken cancellationToken = default);

    Task SetAsync(string user, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Forgets the user's preferences whose key starts with <paramref name="keyPrefix"/>; returns how many.</summary>
    Task<int> RemoveAsync(string user, string keyPrefix, CancellationToken cancellationToken = default);
}
