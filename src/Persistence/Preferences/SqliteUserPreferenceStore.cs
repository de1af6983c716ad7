using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Preferences;

/// <summary>User preferences in the host's database; each call uses its own context.</summary>
internal sealed class SqliteUserPreferenceStore(IDbContextFactory<HvWebDbContext> contextFactory, TimeProvider time) : IUserPreferenceStore
{
    public async Task<string?> GetAsync(string user, string key, CancellationToken cancellationToken = default)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await context.Set<UserPreferenceRecord>().AsNoTracking()
                .Where(p => p.User == user && p.Key == key).Select(p => p.Value)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ListAsync(string user, string keyPrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = await context.Set<UserPreferenceRecord>().AsNoTracking()
                .Where(p => p.User == user).ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Where(p => p.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        }
    }

    public async Task SetAsync(string user, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Set<UserPreferenceRecord>().FindAsync([user, key], cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                context.Set<UserPreferenceRecord>().Add(new UserPreferenceRecord { User = user, Key = key, Value = value, UpdatedUtc = time.GetUtcNow() });
            }
            else
            {
                row.Value = value;
                row.UpdatedUtc = time.GetUtcNow();
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> RemoveAsync(string user, string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = (await context.Set<UserPreferenceRecord>().Where(p => p.User == user).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Where(p => p.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();
            context.Set<UserPreferenceRecord>().RemoveRange(rows);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return rows.Count;
        }
    }
}
