using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HvWeb.Tests.E2e.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>The New Virtual Machine Wizard in a real browser, by keyboard only, on real QEMU.</summary>
[Collection(HvWebCollection.Name)]
public sealed class NewVmWizardTests(HvWebHostFixture host, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A person's pace: each key reaches the server (the page checks as you type) before the next.</summary>
    private static readonly KeyboardTypeOptions Typing = new() { Delay = 60 };
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
    public Task Wizard_KeyboardOnly_CreatesGen2VmWithDiskAndIsoThatBootsFromTheIso() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-wizard");
        Guid? vmId = null;
        try
        {
            _page = await _browser.NewPageAsync();
            await SignInAsync(_page);
            await _page.GotoAsync("/vms/new");
            var wizard = _page.GetByRole(AriaRole.Dialog);
            var keyboard = _page.Keyboard;

            // Before You Begin: the check box has the focus; Enter = Next.
            await ExpectPageAsync(wizard, "Before You Begin");
            await Expect(wizard.GetByRole(AriaRole.Checkbox, new() { Name = "Do not show this page again" })).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");

            // Specify Name and Location: the name box has the focus with Hyper-V's default name.
            await ExpectPageAsync(wizard, "Specify Name and Location");
            var nameBox = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });
            await Expect(nameBox).ToBeFocusedAsync();
            await Expect(nameBox).ToHaveValueAsync("New Virtual Machine");
            await keyboard.PressAsync("Control+A");
            await keyboard.PressAsync("Backspace");
            // An empty name: Next stays disabled and the sentence is under the field.
            await Expect(wizard.GetByText("Type a name for the virtual machine.")).ToBeVisibleAsync();
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeDisabledAsync();
            await keyboard.TypeAsync(name, Typing);
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
            await keyboard.PressAsync("Enter");

            // Specify Generation: Generation 1 is selected and focused; arrow down selects Generation 2.
            await ExpectPageAsync(wizard, "Specify Generation");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Generation 1" })).ToBeFocusedAsync();
            await keyboard.PressAsync("ArrowDown");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Generation 2" })).ToBeCheckedAsync();
            await keyboard.PressAsync("Enter");

            await ExpectPageAsync(wizard, "Configuration Version");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "8.0 (default, Windows Server 2016)" })).ToBeCheckedAsync();
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "8.0 (default, Windows Server 2016)" })).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");

            // 512 MB: GRUB's UEFI loader on the ISO runs out of memory at 256 MB.
            await ExpectPageAsync(wizard, "Assign Memory");
            await Expect(wizard.GetByLabel("Startup memory (MB)")).ToBeFocusedAsync();
            await keyboard.PressAsync("Control+A");
            await keyboard.TypeAsync("512", Typing);
            await keyboard.PressAsync("Tab");
            var dynamicMemory = wizard.GetByRole(AriaRole.Checkbox, new() { Name = "Use Dynamic Memory for this virtual machine" });
            await Expect(dynamicMemory).ToBeFocusedAsync();
            await keyboard.PressAsync("Space");
            await Expect(dynamicMemory).ToBeCheckedAsync();
            await keyboard.PressAsync("Space");
            await Expect(dynamicMemory).Not.ToBeCheckedAsync();
            await keyboard.PressAsync("Enter");

            await ExpectPageAsync(wizard, "Configure Networking");
            await Expect(wizard).ToContainTextAsync("Not Connected");
            await Expect(wizard.GetByLabel("Connection")).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");

            // Connect Virtual Hard Disk: "Create" is selected; its name follows the VM's name; Tab to the size.
            await ExpectPageAsync(wizard, "Connect Virtual Hard Disk");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Create a virtual hard disk" })).ToBeFocusedAsync();
            await Expect(wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true })).ToHaveValueAsync(name + ".qcow2");
            var size = wizard.GetByLabel("Size (GB)");
            await Expect(size).ToHaveValueAsync("127");
            for (var i = 0; i < 3; i++)
            {
                await keyboard.PressAsync("Tab");
            }

            await Expect(size).ToBeFocusedAsync();
            await keyboard.PressAsync("Control+A");
            await keyboard.TypeAsync("2", Typing);
            await keyboard.PressAsync("Enter");

            // Installation Options: from a bootable image file.
            await ExpectPageAsync(wizard, "Installation Options");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Install an operating system later" })).ToBeFocusedAsync();
            await keyboard.PressAsync("ArrowDown");
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Install an operating system from a bootable image file" })).ToBeCheckedAsync();
            var iso = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Image file (.iso)" });
            await Expect(iso).ToBeEnabledAsync();
            await keyboard.PressAsync("Tab");
            await Expect(iso).ToBeFocusedAsync();
            await keyboard.TypeAsync("/nowhere/missing.iso", Typing);
            await Expect(wizard.GetByText("The image file '/nowhere/missing.iso' does not exist.")).ToBeVisibleAsync();
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeDisabledAsync();
            await keyboard.PressAsync("Control+A");
            await keyboard.TypeAsync(GuestImages.TinyIso, Typing);
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
            await keyboard.PressAsync("Enter");

            // Summary, then Enter = Finish.
            await ExpectPageAsync(wizard, "Summary");
            var summary = wizard.GetByRole(AriaRole.Table, new() { Name = "Summary" });
            await Expect(summary).ToContainTextAsync(name);
            await Expect(summary).ToContainTextAsync("Generation 2");
            await Expect(summary).ToContainTextAsync("512 MB");
            await Expect(summary).ToContainTextAsync("(2 GB, dynamically expanding)");
            await Expect(summary).ToContainTextAsync(GuestImages.TinyIso);
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Finish" })).ToBeFocusedAsync();
            await keyboard.PressAsync("Enter");
            await Expect(wizard).ToHaveCountAsync(0, new() { Timeout = 30_000 });

            // Enter on the focused "Do not show this page again" meant Next, not "check it".
            using (var skip = await host.Api.GetAsync(new Uri("/api/v1/me/preferences/wizard.new-vm.skip-intro", UriKind.Relative)))
            {
                Assert.Equal(System.Net.HttpStatusCode.NotFound, skip.StatusCode);
            }

            var job = await CreateJobAsync(name);
            var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
            vmId = done.GetProperty("vmId").GetGuid();
            Assert.Equal("admin", done.GetProperty("startedBy").GetString());
            var vm = await VmFixtures.GetAsync(host.Api, vmId.Value);
            Assert.Equal(2, vm.GetProperty("generation").GetInt32());
            Assert.Equal(512, vm.GetProperty("memoryStartupMb").GetInt32());
            var drives = vm.GetProperty("drives").EnumerateArray().ToList();
            output.WriteLine(vm.ToString());
            Assert.Contains(drives, d => d.GetProperty("path").GetString()?.EndsWith(name + ".qcow2", StringComparison.Ordinal) == true);
            Assert.Contains(drives, d => d.GetProperty("path").GetString() == GuestImages.TinyIso);

            // Started, it boots from the ISO (the new disk is empty): the ISO's guest says so on COM1.
            var start = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{vmId}/start");
            await JobApi.SucceededAsync(host.Api, JobApi.Id(start), host.RecentLog);
            var folder = vm.GetProperty("folder").GetString()!;
            var serial = new SerialLog(Directory.EnumerateFiles(folder, "serial.log", SearchOption.AllDirectories).Single());
            await serial.WaitForAsync("HVWEB-BOOTED-FROM iso", 0, TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (vmId is { } id)
            {
                await VmFixtures.RemoveAsync(host.Api, id);
            }
        }
    });

    [Fact]
    public Task HostSettingsDialog_VmFolderChanged_WizardUsesItForTheNextVm() => WithDiagnosticsAsync(async () =>
    {
        var settings = new Uri("/api/v1/host/settings", UriKind.Relative);
        var oldFolder = (await host.Api.GetFromJsonAsync<JsonElement>(settings)).GetProperty("virtualMachinesFolder").GetString()!;
        var newFolder = Path.Combine(host.DataRoot, "Dialog Chosen", "Virtual Machines");
        var name = VmFixtures.NewName("e2e-dialog");
        Guid? vmId = null;
        try
        {
            _page = await _browser.NewPageAsync();
            await SignInAsync(_page);

            // Hyper-V Settings: the Virtual Machines folder, then OK.
            await _page.GotoAsync("/host/settings");
            var dialog = _page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Virtual Machines", Level = 4 })).ToBeVisibleAsync();
            var folder = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Virtual machines folder" });
            await Expect(folder).ToHaveValueAsync(oldFolder);
            await folder.FocusAsync();
            await _page.Keyboard.PressAsync("Control+A");
            await _page.Keyboard.TypeAsync("relative", Typing);
            await Expect(dialog.GetByText("must be an absolute folder path")).ToBeVisibleAsync();
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true })).ToBeDisabledAsync();
            await _page.Keyboard.PressAsync("Control+A");
            await _page.Keyboard.TypeAsync(newFolder, Typing);
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true })).ToBeEnabledAsync();
            await _page.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            Assert.Equal(newFolder, (await host.Api.GetFromJsonAsync<JsonElement>(settings)).GetProperty("virtualMachinesFolder").GetString());

            // The wizard shows the new default and the VM goes there.
            await _page.GotoAsync("/vms/new");
            var wizard = _page.GetByRole(AriaRole.Dialog);
            await ExpectPageAsync(wizard, "Before You Begin");
            await Expect(wizard.GetByRole(AriaRole.Checkbox, new() { Name = "Do not show this page again" })).ToBeFocusedAsync();
            await _page.Keyboard.PressAsync("Enter");
            await ExpectPageAsync(wizard, "Specify Name and Location");
            await Expect(wizard).ToContainTextAsync(newFolder);
            var nameBox = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });
            await Expect(nameBox).ToBeFocusedAsync();
            await _page.Keyboard.PressAsync("Control+A");
            await _page.Keyboard.TypeAsync(name, Typing);
            await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Finish" })).ToBeEnabledAsync();
            await _page.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync();
            var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(await CreateJobAsync(name)), host.RecentLog);
            vmId = done.GetProperty("vmId").GetGuid();
            var vm = await VmFixtures.GetAsync(host.Api, vmId.Value);
            Assert.Equal(Path.Combine(newFolder, name), vm.GetProperty("folder").GetString());
            Assert.True(File.Exists(Path.Combine(newFolder, name, "Virtual Hard Disks", name + ".qcow2")));
        }
        finally
        {
            if (vmId is { } id)
            {
                await VmFixtures.RemoveAsync(host.Api, id);
            }

            using var restore = await host.Api.PatchAsJsonAsync(settings, new { virtualMachinesFolder = oldFolder });
        }
    });

    private async Task<JsonElement> CreateJobAsync(string name)
    {
        for (var i = 0; i < 100; i++)
        {
            var jobs = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/jobs?kind=create-vm", UriKind.Relative));
            var job = jobs.EnumerateArray().FirstOrDefault(j => j.GetProperty("vmName").GetString() == name);
            if (job.ValueKind == JsonValueKind.Object)
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Finish did not start a create job for '{name}'.");
    }

    private static async Task ExpectPageAsync(ILocator wizard, string title) =>
        await Expect(wizard.GetByRole(AriaRole.Heading, new() { Name = title, Level = 3 })).ToBeVisibleAsync();

    private Task SignInAsync(IPage page) => _browser.SignInAsync(page);

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
