using HvWeb.Persistence.Preferences;
using Microsoft.Extensions.Time.Testing;

namespace HvWeb.Tests.Unit.Persistence.Preferences;

public sealed class SqliteUserPreferenceStoreTests : IAsyncLifetime
{
    private InMemoryDatabase _db = default!;
    private SqliteUserPreferenceStore _store = default!;

    public async Task InitializeAsync()
    {
        _db = await InMemoryDatabase.CreateMigratedAsync();
        _store = new SqliteUserPreferenceStore(_db.Factory, new FakeTimeProvider());
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Set_ThenGet_ReturnsTheLatestValuePerUser()
    {
        await _store.SetAsync("admin", "vmlist.columns", "[\"Name\"]");
        await _store.SetAsync("admin", "vmlist.columns", "[\"Name\",\"Notes\"]");
        await _store.SetAsync("student1", "vmlist.columns", "[\"State\"]");

        Assert.Equal("[\"Name\",\"Notes\"]", await _store.GetAsync("admin", "vmlist.columns"));
        Assert.Equal("[\"State\"]", await _store.GetAsync("student1", "vmlist.columns"));
        Assert.Null(await _store.GetAsync("student2", "vmlist.columns"));
    }

    [Fact]
    public async Task Remove_ByPrefix_ForgetsOnlyThatUsersMatchingKeys()
    {
        await _store.SetAsync("admin", "confirm.delete-vm", "true");
        await _store.SetAsync("admin", "confirm.turn-off", "true");
        await _store.SetAsync("admin", "vmlist.columns", "[]");
        await _store.SetAsync("other", "confirm.turn-off", "true");

        Assert.Equal(2, await _store.RemoveAsync("admin", "confirm."));

        Assert.Equal(["vmlist.columns"], (await _store.ListAsync("admin")).Keys);
        Assert.Equal("true", await _store.GetAsync("other", "confirm.turn-off"));
    }
}
