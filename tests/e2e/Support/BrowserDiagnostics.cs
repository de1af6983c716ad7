using Microsoft.Playwright;

namespace HvWeb.Tests.E2e.Support;

/// <summary>Runs a browser scenario; on failure puts a screenshot, the browser's console and the host's log in the failure message.</summary>
public static class BrowserDiagnostics
{
    public static async Task RunAsync(IPage? page, IEnumerable<string> console, Func<string> hostLog, Func<Task> scenario, string name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(hostLog);
        try
        {
            await scenario();
        }
        catch (Exception failure) when (failure is not InvalidOperationException)
        {
            var screenshot = Path.Combine(Path.GetTempPath(), $"hvweb-e2e-{name}.png");
            if (page is { IsClosed: false })
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            }

            throw new InvalidOperationException(
                $"{failure.Message}{Environment.NewLine}Screenshot: {screenshot}{Environment.NewLine}" +
                $"Browser console:{Environment.NewLine}{string.Join(Environment.NewLine, console)}{Environment.NewLine}" +
                $"Host log:{Environment.NewLine}{hostLog()}",
                failure);
        }
    }
}
