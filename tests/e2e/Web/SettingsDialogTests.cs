using HvWeb.Tests.E2e.Support;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// The Settings editor (the dialog's body, also at /vms/{id}/settings) in chromium against the real
/// host and engine: edits are checked as you type by the engine and applied through it.
/// </summary>
[Collection(HvWebCollection.Name)]
public sealed class SettingsDialogTests(HvWebHostFixture host) : IAsyncLifetime
{
    private BrowserSession _browser = default!;
    private IPage _page = default!;
    private readonly List<Guid> _vms = [];

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _page = await _browser.NewPageAsync(1280, 720);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        foreach (var id in _vms)
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    [Fact]
    public Task Settings_ChangeMemoryAndNameThenApply_ApiShowsThem() => WithDiagnosticsAsync(async () =>
    {
        var id = await CreateVmAsync(VmFixtures.NewName("settings"));
        var renamed = VmFixtures.NewName("renamed");
        await OpenSettingsAsync(id);

        await Page("Memory").ClickAsync();
        await _page.GetByRole(AriaRole.Spinbutton, new() { Name = "Startup RAM" }).FillAsync("384");
        await Page("Name").ClickAsync();
        await _page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync(renamed);
        await Expect(Page("Memory")).ToContainTextAsync("384 MB");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();

        // Applied: Apply greys out again (nothing left to apply) and the API shows the new values.
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToBeDisabledAsync();
        var vm = await VmFixtures.GetAsync(host.Api, id);
        Assert.Equal(384, vm.GetProperty("memoryStartupMb").GetInt32());
        Assert.Equal(renamed, vm.GetProperty("name").GetString());
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = $"Settings for {renamed}", Level = 1 })).ToBeVisibleAsync();
    });

    [Fact]
    public Task Settings_OddStartupMemory_EngineSentenceUnderFieldOkDisabled_EnterDoesNothing() => WithDiagnosticsAsync(async () =>
    {
        var id = await CreateVmAsync(VmFixtures.NewName("settings"));
        await OpenSettingsAsync(id);

        await Page("Memory").ClickAsync();
        var startup = _page.GetByRole(AriaRole.Spinbutton, new() { Name = "Startup RAM" });
        await startup.FillAsync("257");

        await Expect(_page.GetByText("Startup memory must be a multiple of 2 MB.")).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true })).ToBeDisabledAsync();
        await Expect(Page("Memory")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("hv-has-errors"));
        await startup.PressAsync("Enter");
        Assert.Equal(256, (await VmFixtures.GetAsync(host.Api, id)).GetProperty("memoryStartupMb").GetInt32());

        // Fixed by keyboard: the sentence goes, Enter is OK (applies and leaves the page).
        await startup.FillAsync("258");
        await Expect(_page.GetByText("Startup memory must be a multiple of 2 MB.")).ToBeHiddenAsync();
        await startup.PressAsync("Enter");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Hyper-V Manager", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(258, (await VmFixtures.GetAsync(host.Api, id)).GetProperty("memoryStartupMb").GetInt32());
    });

    [Fact]
    public Task Settings_RunningVm_StartupMemoryRefusedWithReason_NothingApplied() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("settings");
        var id = await CreateVmAsync(name);
        await JobApi.SucceededAsync(host.Api, JobApi.Id(await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start")), host.RecentLog);
        await OpenSettingsAsync(id);

        await Page("Memory").ClickAsync();
        var startup = _page.GetByRole(AriaRole.Spinbutton, new() { Name = "Startup RAM" });
        if (await startup.IsDisabledAsync())
        {
            // The engine's CheckUpdate refuses the change up front: the field is locked with its reason.
            await Expect(_page.GetByText("turn it off first").First).ToBeVisibleAsync();
        }
        else
        {
            // Refused only when applied: the dialog shows the server's reason and keeps the edit.
            await startup.FillAsync("512");
            await Page("Name").ClickAsync();
            await _page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync(name + "-x");
            await _page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
            await Expect(_page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The settings were not applied" })).ToBeVisibleAsync();
        }

        var vm = await VmFixtures.GetAsync(host.Api, id);
        Assert.Equal(256, vm.GetProperty("memoryStartupMb").GetInt32());
        Assert.Equal(name, vm.GetProperty("name").GetString());
    });

    [Fact]
    public Task Settings_Tree_ArrowKeysMoveBetweenPages() => WithDiagnosticsAsync(async () =>
    {
        var id = await CreateVmAsync(VmFixtures.NewName("settings"));
        await OpenSettingsAsync(id);

        await Page("Add Hardware").FocusAsync();
        await _page.Keyboard.PressAsync("ArrowDown");

        await Expect(Page("BIOS")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Page("BIOS")).ToBeFocusedAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "BIOS", Level = 2 })).ToBeVisibleAsync();
        await _page.Keyboard.PressAsync("ArrowDown");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Memory", Level = 2 })).ToBeVisibleAsync();
    });

    private ILocator Page(string label) =>
        _page.GetByRole(AriaRole.Tree, new() { Name = "Settings" }).GetByRole(AriaRole.Treeitem).Filter(new() { Has = _page.Locator(".hv-tree-label", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(label)}$") }) });

    /// <summary>A generation 1 VM without a disk (nothing to boot: the settings are what is tested).</summary>
    private async Task<Guid> CreateVmAsync(string name)
    {
        var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name, generation = 1, memoryStartupMb = 256, processorCount = 1 });
        var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
        var id = done.GetProperty("vmId").GetGuid();
        _vms.Add(id);
        return id;
    }

    private async Task OpenSettingsAsync(Guid id)
    {
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync(host.Token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Hyper-V Manager", Level = 1 })).ToBeVisibleAsync();
        await _page.GotoAsync($"/vms/{id}/settings");
        await Expect(_page.GetByRole(AriaRole.Tree, new() { Name = "Settings" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
