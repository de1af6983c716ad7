using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>The Import Virtual Machine wizard in a real browser, by keyboard, on the real host.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ImportBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly KeyboardTypeOptions Typing = new() { Delay = 20 };
    private BrowserSession _browser = default!;
    private IPage? _page;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
    }

    [Fact]
    public Task Wizard_KeyboardOnly_CopiesAnExportedVmAsAJob() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("imp-ui");
        var id = await VmFixtures.CreateTinyAsync(host, name, 128);
        var copies = new List<Guid>();
        try
        {
            var export = Path.Combine(host.DataRoot, "ui-import", Guid.NewGuid().ToString("N")[..8]);
            await ImportApiTests.ExportAsync(host, id, name, export);

            _page = await _browser.NewPageAsync();
            await SignInAsync(_page);
            await _page.GetByRole(AriaRole.Button, new() { Name = "Import Virtual Machine", Exact = true }).ClickAsync();
            var wizard = _page.GetByRole(AriaRole.Dialog, new() { Name = "Import Virtual Machine" });
            var keyboard = _page.Keyboard;

            await ExpectPageAsync(wizard, "Locate Folder");
            await Expect(wizard.GetByRole(AriaRole.Textbox, new() { Name = "Folder" })).ToBeFocusedAsync();
            await keyboard.TypeAsync(export, Typing);
            await keyboard.PressAsync("Enter");

            await ExpectPageAsync(wizard, "Select Virtual Machine");
            var list = wizard.GetByRole(AriaRole.Listbox);
            await Expect(list).ToBeFocusedAsync();
            await Expect(list.GetByRole(AriaRole.Option, new() { Name = name })).ToHaveAttributeAsync("aria-selected", "true");
            await keyboard.PressAsync("Enter");

            // Register in place (the default) is refused while the original is registered; Copy is two arrows down.
            await ExpectPageAsync(wizard, "Choose Import Type");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Register the virtual machine in-place (use the existing unique ID)" })).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");
            await Expect(wizard.GetByText("is already registered on this host. Choose Copy")).ToBeVisibleAsync();
            await wizard.GetByRole(AriaRole.Radio, new() { Name = "Register the virtual machine in-place (use the existing unique ID)" }).FocusAsync();
            await keyboard.PressAsync("ArrowDown");
            await keyboard.PressAsync("ArrowDown");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Copy the virtual machine (create a new unique ID)" })).ToBeCheckedAsync();
            await keyboard.PressAsync("Enter");

            await ExpectPageAsync(wizard, "Choose Folders for Virtual Machine Files");
            var vmFolder = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Virtual machine configuration folder" });
            await Expect(vmFolder).ToBeFocusedAsync();
            await keyboard.PressAsync("Control+A");
            await keyboard.TypeAsync(Path.Combine(export, "copies"), Typing);
            await keyboard.PressAsync("Enter");

            await ExpectPageAsync(wizard, "Summary");
            var summary = wizard.GetByRole(AriaRole.Table, new() { Name = "Summary" });
            await Expect(summary).ToContainTextAsync("Copy the virtual machine (create a new unique ID)");
            await Expect(summary).ToContainTextAsync(Path.Combine(export, "copies", name));
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Finish" })).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");
            await Expect(wizard).ToBeHiddenAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (copies.Count == 0 && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                var vms = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/vms", UriKind.Relative));
                copies.AddRange(vms.EnumerateArray().Where(v => v.GetProperty("name").GetString() == name && v.GetProperty("id").GetGuid() != id).Select(v => v.GetProperty("id").GetGuid()));
                await Task.Delay(200);
            }

            Assert.Single(copies);
            await Expect(_page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(2);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
            foreach (var copy in copies)
            {
                await VmFixtures.RemoveAsync(host.Api, copy);
            }
        }
    });

    private static async Task ExpectPageAsync(ILocator wizard, string title) =>
        await Expect(wizard.GetByRole(AriaRole.Heading, new() { Name = title, Level = 3 })).ToBeVisibleAsync();

    private Task SignInAsync(IPage page) => _browser.SignInAsync(page);

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
