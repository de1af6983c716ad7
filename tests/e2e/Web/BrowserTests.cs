using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>The console in a real browser against the real host (elements found by role and accessible name).</summary>
[Collection(HvWebCollection.Name)]
public sealed class BrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Boot = new() { Timeout = 90_000 };
    private BrowserSession _browser = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _page = await _browser.NewPageAsync(1280, 720);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
    }

    [Fact]
    public Task DemoVm_SignInAndStart_StateBecomesRunningWithoutReload() => WithDiagnosticsAsync(async () =>
    {
        _ = GuestImages.TinyBios; // the demo VM exists only when the guest images do
        await SignInAsync();

        var row = _page.GetByRole(AriaRole.Row, new() { Name = "Demo VM" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(StateCell(row, "Off")).ToBeVisibleAsync();

        var navigations = 0;
        _page.FrameNavigated += (_, frame) => navigations += frame == _page.MainFrame ? 1 : 0;
        await row.ClickAsync(); // the Actions pane shows the selected VM's actions
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start Demo VM", Exact = true }).ClickAsync();

        await Expect(StateCell(row, "Running")).ToBeVisibleAsync(Boot);
        Assert.Equal(0, navigations);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Turn Off Demo VM", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Turn Off", Exact = true }).ClickAsync();
        await Expect(StateCell(row, "Off")).ToBeVisibleAsync(Boot);
    });

    [Fact]
    public async Task SignIn_WrongToken_StaysOnLoginWithMessage()
    {
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync("not-the-token");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(_page.GetByText("That token is not right")).ToBeVisibleAsync();
        Assert.Contains("/login", _page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_FromAppBar_BackToLogin()
    {
        await SignInAsync();

        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(_page.GetByLabel("Admin token")).ToBeVisibleAsync();
        await _page.GotoAsync("/");
        await Expect(_page.GetByLabel("Admin token")).ToBeVisibleAsync();
    }

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);

    private Task SignInAsync() => _browser.SignInAsync(_page);

    /// <summary>The row's cell whose whole text is the state (the Status column holds sentences, not states).</summary>
    private static ILocator StateCell(ILocator row, string state) =>
        row.GetByRole(AriaRole.Cell, new() { Name = state, Exact = true });
}
