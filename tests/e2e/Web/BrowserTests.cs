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
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;
    private IPage _page = default!;
    private readonly List<string> _console = [];

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });
        _page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
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

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") =>
        BrowserDiagnostics.RunAsync(_page, _console, () => host.RecentLog, scenario, name);

    private async Task SignInAsync()
    {
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync(host.Token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Hyper-V Manager", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The row's cell whose whole text is the state (the Status column holds sentences, not states).</summary>
    private static ILocator StateCell(ILocator row, string state) =>
        row.GetByRole(AriaRole.Cell, new() { Name = state, Exact = true });
}
