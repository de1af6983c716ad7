using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Checkpoints;

/// <summary>The Checkpoints pane in a real browser against the real host (an Off tiny VM: no boot).</summary>
[Collection(HvWebCollection.Name)]
public sealed class CheckpointBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Job = new() { Timeout = 60_000 };
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
    public Task CheckpointButton_TreeWithNow_TakeAndApply_Rename_DeleteSubtree() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-ckpane");
        _vm = await VmFixtures.CreateTinyAsync(host, name);
        await _page.GotoAsync("/");
        await _page.GetByLabel("Admin token").FillAsync(host.Token);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GetByRole(AriaRole.Row, new() { Name = name }).ClickAsync();
        await Expect(_page.GetByText("The selected virtual machine has no checkpoints.")).ToBeVisibleAsync();

        // The Actions pane's Checkpoint: a checkpoint with Hyper-V's default name, and Now under it.
        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = $"Checkpoint {name}", Exact = true }).ClickAsync();
        var tree = _page.GetByRole(AriaRole.Tree, new() { Name = $"Checkpoints of {name}" });
        var first = tree.GetByRole(AriaRole.Button, new() { Name = $"{name} - (" });
        await Expect(first).ToBeVisibleAsync(Job);
        await Expect(tree.GetByRole(AriaRole.Treeitem, new() { Name = "Now", Exact = true })).ToBeVisibleAsync();

        // Rename, then Apply with "Take Checkpoint and Apply": a second checkpoint under the first.
        await first.ClickAsync();
        await _page.GetByLabel("New checkpoint name").FillAsync("Baseline");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Rename", Exact = true }).ClickAsync();
        var baseline = tree.GetByRole(AriaRole.Button, new() { Name = "Baseline, Production" });
        await Expect(baseline).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply...", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Take Checkpoint and Apply", Exact = true }).ClickAsync();
        await Expect(tree.Locator("li[aria-level='2']").GetByRole(AriaRole.Button, new() { Name = $"{name} - (" })).ToBeVisibleAsync(Job);

        // Revert: asked first, then a job.
        await _page.GetByRole(AriaRole.Button, new() { Name = $"Revert {name}", Exact = true }).ClickAsync();
        await Expect(_page.GetByText("Are you sure you want to revert")).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Revert", Exact = true }).ClickAsync();
        await Expect(_page.GetByText($"Revert VM '{name}' succeeded.")).ToBeVisibleAsync(Job);

        // Delete Checkpoint Subtree: asked first, with the size to merge; then no checkpoints.
        await baseline.ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete Checkpoint Subtree...", Exact = true }).ClickAsync();
        await Expect(_page.GetByText("MB to merge")).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(_page.GetByText("The selected virtual machine has no checkpoints.")).ToBeVisibleAsync(Job);
    });

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
