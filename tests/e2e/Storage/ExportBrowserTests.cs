using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>Export... in a real browser against the real host (an Off tiny VM: no boot): checked as you type, then the job.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ExportBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Job = new() { Timeout = 60_000 };
    private readonly TempFolder _exports = new("hvweb-browser-export-");
    private Guid _vm;
    private BrowserSession _browser = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _page = await _browser.NewPageAsync(1366, 768);
    }

    public async Task DisposeAsync()
    {
        if (_vm != Guid.Empty)
        {
            await VmFixtures.RemoveAsync(host.Api, _vm);
        }

        await _browser.DisposeAsync();
        _exports.Dispose();
    }

    [Fact]
    public Task ExportAction_LocationCheckedAsYouType_ExportRunsAsAJob() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-export");
        _vm = await VmFixtures.CreateTinyAsync(host, name);
        var blocker = Path.Combine(_exports.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "in the way");
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync(host.Token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GetByRole(AriaRole.Row, new() { Name = name }).ClickAsync();

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = $"Export {name}", Exact = true }).ClickAsync();
        var dialog = _page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByText($"Export Virtual Machine '{name}'")).ToBeVisibleAsync();
        var location = dialog.GetByLabel("Location");
        var export = dialog.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true });

        await dialog.GetByLabel("Write the virtual hard disks as VHDX").CheckAsync();
        await Expect(dialog.GetByText("The checkpoints and a saved state are then not exported")).ToBeVisibleAsync();
        await location.FillAsync(Path.Combine(blocker, "sub"));
        await Expect(dialog.GetByText("is a file, not a folder")).ToBeVisibleAsync();
        await Expect(export).ToBeDisabledAsync();
        await location.FillAsync(_exports.Path);
        await Expect(dialog.GetByText($"The export goes to '{Path.Combine(_exports.Path, name)}'.")).ToBeVisibleAsync();
        await export.ClickAsync();

        await Expect(_page.GetByText($"Export VM '{name}' to '{_exports.Path}' succeeded.")).ToBeVisibleAsync(Job);
        var disks = Directory.GetFiles(Path.Combine(_exports.Path, name, "Virtual Hard Disks"));
        Assert.EndsWith(".vhdx", Assert.Single(disks), StringComparison.Ordinal);
    });

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
