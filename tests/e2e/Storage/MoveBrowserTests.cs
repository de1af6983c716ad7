using System.Diagnostics;
using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>The Move Wizard in a real browser against the real host (an Off tiny VM: no boot), by roles and accessible names.</summary>
[Collection(HvWebCollection.Name)]
public sealed class MoveBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
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
    }

    [Fact]
    public Task MoveWizard_AllToOneFolder_RefusedAsYouTypeThenMoved() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-movewiz");
        _vm = await VmFixtures.CreateTinyAsync(host, name);
        var target = Path.Combine(host.DataRoot, "moved in the browser", name);
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync(host.Token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GetByRole(AriaRole.Row, new() { Name = name }).ClickAsync();

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = $"Move {name}", Exact = true }).ClickAsync();
        var wizard = _page.GetByRole(AriaRole.Dialog, new() { Name = $"Move \"{name}\" Wizard" });
        await Expect(wizard.GetByRole(AriaRole.Radiogroup, new() { Name = "Move type" })).ToBeVisibleAsync();
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Move the virtual machine", Exact = true })).ToBeDisabledAsync();
        await Expect(wizard.GetByText("No other Hyper-V host is known to this console")).ToBeVisibleAsync();
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" }).ClickAsync();
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Move all of the virtual machine's data to a single location" })).ToBeCheckedAsync();
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" }).ClickAsync();

        var folder = wizard.GetByLabel("Folder", new() { Exact = true });
        await folder.PressSequentiallyAsync("relative");
        await Expect(wizard.GetByText("must be an absolute path")).ToBeVisibleAsync();
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeDisabledAsync();
        await folder.FillAsync(target);
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" }).ClickAsync();

        var summary = wizard.GetByRole(AriaRole.Table, new() { Name = "What moves where" });
        await Expect(summary.GetByRole(AriaRole.Rowheader, new() { Name = "Configuration" })).ToBeVisibleAsync();
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync();
        await Expect(wizard).ToBeHiddenAsync();

        var clock = Stopwatch.StartNew();
        while ((await VmFixtures.GetAsync(host.Api, _vm)).GetProperty("folder").GetString() != target)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the move did not finish within 60 s");
            await Task.Delay(200);
        }
    });

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
