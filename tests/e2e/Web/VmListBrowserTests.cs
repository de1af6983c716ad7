using HvWeb.Tests.E2e.Support;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>The console's list, details and Actions panes in a real browser against the real host and real VMs.</summary>
[Collection(HvWebCollection.Name)]
public sealed class VmListBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Boot = new() { Timeout = 120_000 };
    private readonly List<Guid> _vms = [];
    private BrowserSession _browser = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _page = await _browser.NewPageAsync(1366, 768); // a laptop screen
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _vms)
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }

        await _browser.DisposeAsync();
    }

    [Fact]
    public Task BulkStart_ThreeRealVms_AllReachRunning() => WithDiagnosticsAsync(async () =>
    {
        var prefix = VmFixtures.NewName("e2e-bulk");
        string[] names = [$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"];
        foreach (var name in names)
        {
            _vms.Add(await VmFixtures.CreateTinyAsync(host, name));
        }

        await SignInAsync();
        await _page.GetByLabel("Filter by name").FillAsync(prefix);
        foreach (var name in names)
        {
            await _page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {name}", Exact = true }).CheckAsync();
        }

        await _page.GetByRole(AriaRole.Button, new() { Name = "Start selected", Exact = true }).ClickAsync();

        foreach (var name in names)
        {
            var row = _page.GetByRole(AriaRole.Row, new() { Name = name });
            await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Running", Exact = true })).ToBeVisibleAsync(Boot);
        }

        foreach (var id in _vms)
        {
            Assert.Equal("Running", await VmFixtures.StateAsync(host.Api, id));
        }
    });

    [Fact]
    public Task SelectVm_DetailsTabsAndDisabledActionWithItsReason() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-details");
        _vms.Add(await VmFixtures.CreateTinyAsync(host, name));
        await SignInAsync();

        await _page.GetByRole(AriaRole.Row, new() { Name = name }).ClickAsync();

        var details = _page.GetByRole(AriaRole.Region, new() { Name = name });
        await Expect(details.GetByRole(AriaRole.Tab, new() { Name = "Summary" })).ToBeVisibleAsync();
        await Expect(details.GetByText("Configuration Version:")).ToBeVisibleAsync();
        await details.GetByRole(AriaRole.Tab, new() { Name = "Memory" }).ClickAsync();
        await Expect(details.GetByText("Startup Memory:")).ToBeVisibleAsync();
        await Expect(details.GetByText("256 MB").First).ToBeVisibleAsync();
        await details.GetByRole(AriaRole.Tab, new() { Name = "Networking" }).ClickAsync();
        await details.GetByRole(AriaRole.Tab, new() { Name = "Replication" }).ClickAsync();
        await Expect(details.GetByText("Replication is not enabled for this virtual machine")).ToBeVisibleAsync();

        var reason = $"VM '{name}' is Off; only a Running VM can be paused.";
        var pause = _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = $"Pause {name}", Exact = true });
        await Expect(pause).ToBeDisabledAsync();
        await Expect(pause).ToHaveAccessibleDescriptionAsync(reason);

        // The disabled button's wrapper takes the keyboard focus, and its tooltip says why.
        await pause.Locator("xpath=..").FocusAsync();
        await Expect(_page.Locator(".mud-tooltip").Filter(new() { HasText = reason })).ToBeVisibleAsync();
    });

    [Fact]
    public Task Columns_ChoiceSurvivesReload() => WithDiagnosticsAsync(async () =>
    {
        await SignInAsync();
        try
        {
            await ChooseColumnAsync("Notes", true);
            await Expect(ColumnHeader("Notes")).ToBeVisibleAsync();

            await _page.ReloadAsync();

            await Expect(ColumnHeader("Notes")).ToBeVisibleAsync();
            await Expect(ColumnHeader("CPU Usage")).ToBeVisibleAsync();
        }
        finally
        {
            await ChooseColumnAsync("Notes", false); // the admin user's choice is shared with the other tests
        }

        await Expect(ColumnHeader("Notes")).ToHaveCountAsync(0);
    });

    private ILocator ColumnHeader(string name) => _page.GetByRole(AriaRole.Columnheader, new() { Name = name, Exact = true });

    private async Task ChooseColumnAsync(string column, bool shown)
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add/Remove Columns..." }).ClickAsync();
        var dialog = _page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = column, Exact = true }).SetCheckedAsync(shown);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    private Task SignInAsync() => _browser.SignInAsync(_page);

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
