using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// Debian's chromium for one browser test class: Playwright and the browser, pages on the host with
/// their console kept, the admin sign-in, and a scenario runner that puts a screenshot, the browser's
/// console and the host's log into a failure (<see cref="BrowserDiagnostics"/>).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly HvWebHostFixture _host;
    private readonly IPlaywright _playwright;
    private readonly List<string> _console = [];

    private BrowserSession(HvWebHostFixture host, IPlaywright playwright, IBrowser browser)
    {
        _host = host;
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The page the last <see cref="NewPageAsync"/> opened (the one a failure's screenshot shows).</summary>
    public IPage? Page { get; private set; }

    public static async Task<BrowserSession> LaunchAsync(HvWebHostFixture host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new BrowserSession(host, playwright, await Chromium.LaunchAsync(playwright));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A browser context on the host (its own cookies: a sign-in is per context).</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1366, int height = 768) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>A page on the host in a context of its own.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768) => await NewPageAsync(await NewContextAsync(width, height));

    /// <summary>A page in the given context whose console messages go into a failure's message.</summary>
    public async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _console.Add($"{message.Type}: {message.Text}");
        Page = page;
        return page;
    }

    /// <summary>Signs in with the admin token and waits for Hyper-V Manager.</summary>
    public async Task SignInAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        await page.GetByLabel("Admin token").FillAsync(_host.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hyper-V Manager", Level = 1 })).ToBeVisibleAsync();
    }

    public Task RunAsync(Func<Task> scenario, [CallerMemberName] string name = "") =>
        BrowserDiagnostics.RunAsync(Page, _console, () => _host.RecentLog, scenario, name);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
