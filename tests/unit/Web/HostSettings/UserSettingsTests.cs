using HvWeb.Engine.Errors;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.HostSettings;

namespace HvWeb.Tests.Unit.Web.HostSettings;

public sealed class UserSettingsTests
{
    private readonly MemoryPreferenceStore _store = new();

    [Theory]
    [InlineData("user.keyboard", "virtual-machine", null)]
    [InlineData("user.keyboard", "somewhere", "Keyboard must be one of")]
    [InlineData("user.mouse-release-key", "ctrl-alt-space", null)]
    [InlineData("user.mouse-release-key", "ctrl-alt-del", "Mouse release key must be one of")]
    [InlineData("vmlist.columns", "[\"Name\"]", null)]
    [InlineData("NoDots", "x", "is not a preference name")]
    [InlineData("bad key.x", "x", "is not a preference name")]
    public void Problem_KeysAndValues(string key, string value, string? expected)
    {
        var problem = UserSettings.Problem(key, value);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keyboard_NeverSet_HyperVDefaultFullScreen()
    {
        var settings = new UserSettings(_store);

        Assert.Equal("full-screen", await settings.KeyboardAsync("admin"));
        Assert.Equal("ctrl-alt-left", await settings.MouseReleaseKeyAsync("admin"));
    }

    [Fact]
    public async Task Set_BadValue_RefusedWithTheFieldValue()
    {
        var settings = new UserSettings(_store);

        var refused = await Assert.ThrowsAsync<VmValidationException>(() => settings.SetAsync("admin", "user.keyboard", "x"));

        Assert.True(refused.Errors.ContainsKey("value"));
        Assert.Null(await _store.GetAsync("admin", "user.keyboard"));
    }
}
