using System.Runtime.CompilerServices;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Disks;

/// <summary>
/// The New Virtual Hard Disk, Inspect Disk and Edit Disk wizards in Chromium against the real host
/// and real qemu-img: 64 MB disks in a folder of the test's own, checked afterwards with qemu-img.
/// </summary>
[Collection(HvWebCollection.Name)]
public sealed class DiskWizardBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private const long SizeBytes = 64L * 1024 * 1024;
    private static readonly LocatorAssertionsToBeVisibleOptions Job = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Page = new() { Timeout = 20_000 };
    private readonly TempFolder _folder = new("hvweb-e2e-diskwiz-");
    private BrowserSession _browser = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _page = await _browser.NewPageAsync(1366, 900);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public Task NewDiskWizard_FixedVhdxDynamicVhdDifferencing_CleanOfTheirTypeAndInspected() => WithDiagnosticsAsync(async () =>
    {
        await SignInAsync();

        // Fixed VHDX (the wizard's default format), by keyboard once a choice has the focus: Enter = Next.
        var vhdx = await NewDiskAsync("VHDX", "Fixed size", "fixed.vhdx", size: "0.0625");
        var vhdxInfo = await InfoAsync(vhdx);
        Assert.Equal("vhdx", vhdxInfo.GetProperty("format").GetString());
        Assert.Equal(SizeBytes, vhdxInfo.GetProperty("virtual-size").GetInt64());
        await CheckCleanAsync(vhdx, "vhdx");

        // Dynamic VHD: qemu-img has no check for VHD (vpc), so it must open and read as one; a dynamic VHD file stays small.
        var vhd = await NewDiskAsync("VHD", "Dynamically expanding", "dynamic.vhd", size: "0.0625");
        var vhdInfo = await InfoAsync(vhd, "vpc");
        Assert.Equal("vpc", vhdInfo.GetProperty("format").GetString());
        Assert.Equal(SizeBytes, vhdInfo.GetProperty("virtual-size").GetInt64());
        Assert.True(new FileInfo(vhd).Length < SizeBytes / 8, $"a dynamic VHD of 64 MB should be small, it is {new FileInfo(vhd).Length} bytes");
        await ReadsAsync(vhd, "vpc");

        // Differencing (qcow2) on the fixed VHDX.
        var child = await NewDiskAsync("qcow2", "Differencing", "child.qcow2", parent: vhdx);
        var childInfo = await InfoAsync(child);
        Assert.Equal("qcow2", childInfo.GetProperty("format").GetString());
        Assert.Equal(vhdx, childInfo.GetProperty("backing-filename").GetString());
        Assert.Equal("vhdx", childInfo.GetProperty("backing-filename-format").GetString());
        await CheckCleanAsync(child, "qcow2");

        // A refusal: the same name again says why on the Name and Location page, and Next stays disabled.
        var wizard = await OpenNewDiskWizardAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "VHDX", Exact = true }).ClickAsync();
        await _page.Keyboard.PressAsync("Enter");
        await ExpectPageAsync(wizard, "Choose Disk Type");
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Dynamically expanding", Exact = true })).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("Enter");
        await ExpectPageAsync(wizard, "Specify Name and Location");
        await Expect(wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true })).ToBeFocusedAsync();
        await wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("fixed.vhdx");
        await wizard.GetByRole(AriaRole.Textbox, new() { Name = "Location", Exact = true }).FillAsync(_folder.Path);
        await Expect(wizard.GetByText($"'{vhdx}' already exists; HvWeb never replaces an existing file with a new disk.")).ToBeVisibleAsync();
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeDisabledAsync();
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(wizard).ToBeHiddenAsync();

        // Inspect Disk: the three disks' format, type, sizes and the differencing disk's parent chain.
        await InspectAsync(vhdx, "VHDX", "Fixed size");
        await InspectAsync(vhd, "VHD", "Dynamically expanding");
        var properties = await InspectAsync(child, "qcow2", "Differencing");
        var chain = properties.GetByRole(AriaRole.List, new() { Name = "Parent chain" });
        await Expect(chain.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(chain.GetByRole(AriaRole.Listitem)).ToContainTextAsync($"{vhdx} — vhdx, 64 MB");
        await CloseAsync(properties);
    });

    [Fact]
    public Task EditDiskWizard_ConvertVhdxToQcow2_ProgressShownSameContentExistingDestinationRefused() => WithDiagnosticsAsync(async () =>
    {
        // A 64 MB dynamic VHDX with two byte patterns in it (written with qemu-io).
        var source = Path.Combine(_folder.Path, "data.vhdx");
        await RunAsync("qemu-img", ["create", "-q", "-f", "vhdx", "-o", "subformat=dynamic", source, "64M"]);
        await RunAsync("qemu-io", ["-f", "vhdx", "-c", "write -P 0x5a 1M 4M", "-c", "write -P 0xa5 40M 1M", source]);
        var taken = Path.Combine(_folder.Path, "taken.qcow2");
        await RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", taken, "64M"]);
        await SignInAsync();

        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = "Edit Disk", Exact = true }).ClickAsync();
        var wizard = _page.GetByRole(AriaRole.Dialog, new() { Name = "Edit Virtual Hard Disk Wizard" });
        await ExpectPageAsync(wizard, "Locate Disk");
        var path = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Path", Exact = true });
        await Expect(path).ToBeFocusedAsync();
        await path.FillAsync(source);
        await _page.Keyboard.PressAsync("Enter");

        // Choose Action: Shrink is not offered for a VHDX, with the reason; Convert is chosen.
        await ExpectPageAsync(wizard, "Choose Action");
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Compact", Exact = true })).ToBeFocusedAsync();
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Shrink", Exact = true })).ToBeDisabledAsync();
        await Expect(wizard.GetByText("qemu-img cannot resize a VHDX disk, so it cannot be shrunk here")).ToBeVisibleAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "Convert", Exact = true }).ClickAsync();
        await _page.Keyboard.PressAsync("Enter");

        // Configure: qcow2, dynamically expanding; a destination that exists is refused with the reason.
        await ExpectPageAsync(wizard, "Configure Disk");
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "qcow2", Exact = true })).ToBeFocusedAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "qcow2", Exact = true }).ClickAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "Dynamically expanding", Exact = true }).ClickAsync();
        var destination = wizard.GetByRole(AriaRole.Textbox, new() { Name = "New disk (path)" });
        await destination.FillAsync(taken);
        await Expect(wizard.GetByText($"'{taken}' already exists")).ToBeVisibleAsync();
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeDisabledAsync();
        var converted = Path.Combine(_folder.Path, "data.qcow2");
        await destination.FillAsync(converted);
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
        await _page.Keyboard.PressAsync("Enter");

        // Summary, Finish: a job, its outcome announced; the jobs page shows its progress to 100 % and its log.
        await ExpectPageAsync(wizard, "Summary");
        await Expect(wizard.GetByRole(AriaRole.Table, new() { Name = "Summary" })).ToContainTextAsync(converted);
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true }).ClickAsync();
        var description = $"Convert virtual hard disk '{source}' to '{converted}'";
        await Expect(_page.GetByText($"{description} succeeded.")).ToBeVisibleAsync(Job);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
        var row = _page.GetByRole(AriaRole.Row).Filter(new() { Has = _page.GetByRole(AriaRole.Link, new() { Name = description, Exact = true }) });
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Succeeded", Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Filter(new() { HasText = "100 %" })).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = description, Exact = true }).ClickAsync();
        var details = _page.GetByRole(AriaRole.Region, new() { Name = "Job details" });
        await Expect(details).ToContainTextAsync("Succeeded (100 %)");
        await Expect(details.GetByRole(AriaRole.List, new() { Name = "Job log" })).ToContainTextAsync("Convert of");

        // The new disk is a clean qcow2 with the same contents; the source stays.
        Assert.Equal("qcow2", (await InfoAsync(converted)).GetProperty("format").GetString());
        await CheckCleanAsync(converted, "qcow2");
        var compare = await RunAsync("qemu-img", ["compare", "-f", "vhdx", "-F", "qcow2", source, converted]);
        Assert.Contains("Images are identical.", compare, StringComparison.Ordinal);
        Assert.True(File.Exists(source));
    });

    [Fact]
    public Task EditDiskWizard_DiskOfARunningVm_InUseShownAndFinishRefusedWithTheReason() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-diskinuse");
        var id = await VmFixtures.CreateTinyAsync(host, name, memoryMb: 128);
        try
        {
            var vm = await VmFixtures.GetAsync(host.Api, id);
            var disk = vm.GetProperty("drives").EnumerateArray().Select(d => d.GetProperty("path").GetString()).First(p => p is not null && p.EndsWith(".qcow2", StringComparison.Ordinal))!;
            await JobApi.SucceededAsync(host.Api, JobApi.Id(await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start")), host.RecentLog);
            await SignInAsync();

            await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = "Edit Disk", Exact = true }).ClickAsync();
            var wizard = _page.GetByRole(AriaRole.Dialog, new() { Name = "Edit Virtual Hard Disk Wizard" });
            var path = wizard.GetByRole(AriaRole.Textbox, new() { Name = "Path", Exact = true });
            await Expect(path).ToBeFocusedAsync();
            await path.FillAsync(disk);
            await _page.Keyboard.PressAsync("Enter");

            // Choose Action says who holds the disk; Expand goes as far as Finish, which is refused with the reason.
            await ExpectPageAsync(wizard, "Choose Action");
            await Expect(wizard.GetByText($"In use by {name} (Running): changes are refused until that virtual machine is turned off.")).ToBeVisibleAsync();
            await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Compact", Exact = true })).ToBeFocusedAsync();
            await wizard.GetByRole(AriaRole.Radio, new() { Name = "Expand", Exact = true }).ClickAsync();
            await _page.Keyboard.PressAsync("Enter");
            await ExpectPageAsync(wizard, "Configure Disk");
            var size = wizard.GetByLabel("New size (GB)");
            await size.FillAsync("0.125");
            await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
            await _page.Keyboard.PressAsync("Enter");
            await ExpectPageAsync(wizard, "Summary");
            await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true })).ToBeFocusedAsync();
            await _page.Keyboard.PressAsync("Enter");
            await Expect(wizard.GetByText($"The disk '{disk}' is in use by virtual machine '{name}', which is Running. Turn the VM off first.")).ToBeVisibleAsync(Page);
            Assert.Equal(SizeBytes, (await InfoAsync(disk, "qcow2", shared: true)).GetProperty("virtual-size").GetInt64());
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    });

    private async Task<string> NewDiskAsync(string format, string type, string name, string? size = null, string? parent = null)
    {
        var wizard = await OpenNewDiskWizardAsync();
        var keyboard = _page.Keyboard;
        await wizard.GetByRole(AriaRole.Radio, new() { Name = format, Exact = true }).ClickAsync();
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = format, Exact = true })).ToBeCheckedAsync();
        await keyboard.PressAsync("Enter");

        await ExpectPageAsync(wizard, "Choose Disk Type");
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "Dynamically expanding", Exact = true })).ToBeFocusedAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = type, Exact = true }).ClickAsync();
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = type, Exact = true })).ToBeCheckedAsync();
        await keyboard.PressAsync("Enter");

        await ExpectPageAsync(wizard, "Specify Name and Location");
        await Expect(wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true })).ToBeFocusedAsync();
        await wizard.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync(name);
        await wizard.GetByRole(AriaRole.Textbox, new() { Name = "Location", Exact = true }).FillAsync(_folder.Path);
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
        await keyboard.PressAsync("Enter");

        await ExpectPageAsync(wizard, "Configure Disk");
        if (parent is not null)
        {
            await wizard.GetByRole(AriaRole.Textbox, new() { Name = "Parent disk (path)" }).FillAsync(parent);
        }
        else
        {
            var sizeBox = wizard.GetByLabel("Size (GB)");
            await sizeBox.FillAsync(size!);
            await Expect(sizeBox).ToHaveValueAsync(size!);
        }

        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Next >" })).ToBeEnabledAsync();
        await keyboard.PressAsync("Enter");

        var path = Path.Combine(_folder.Path, name);
        await ExpectPageAsync(wizard, "Summary");
        var summary = wizard.GetByRole(AriaRole.Table, new() { Name = "Summary" });
        await Expect(summary).ToContainTextAsync(type);
        await Expect(summary).ToContainTextAsync(parent ?? "64 MB");
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(_page.GetByText($"Create virtual hard disk '{path}' succeeded.")).ToBeVisibleAsync(Job);
        await Expect(wizard).ToBeHiddenAsync();
        return path;
    }

    private async Task<ILocator> OpenNewDiskWizardAsync()
    {
        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = "New Hard Disk", Exact = true }).ClickAsync();
        var wizard = _page.GetByRole(AriaRole.Dialog, new() { Name = "New Virtual Hard Disk Wizard" });
        await ExpectPageAsync(wizard, "Choose Disk Format");
        await Expect(wizard.GetByRole(AriaRole.Radio, new() { Name = "VHDX", Exact = true })).ToBeFocusedAsync();
        return wizard;
    }

    private async Task<ILocator> InspectAsync(string disk, string format, string type)
    {
        await _page.GetByRole(AriaRole.Navigation, new() { Name = "Actions" }).GetByRole(AriaRole.Button, new() { Name = "Inspect Disk", Exact = true }).ClickAsync();
        // The dialog is named by its title; its buttons sit in MudBlazor's dialog frame around it.
        var dialog = _page.Locator(".mud-dialog").Filter(new() { HasText = "Virtual Hard Disk Properties" });
        var path = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Virtual hard disk (path)" });
        await Expect(path).ToBeFocusedAsync();
        await path.FillAsync(disk);
        await _page.Keyboard.PressAsync("Enter");
        var table = dialog.GetByRole(AriaRole.Table, new() { Name = "Disk properties" });
        await Expect(Row(table, "Location")).ToHaveTextAsync(disk, new() { Timeout = 30_000 });
        await Expect(Row(table, "Format")).ToHaveTextAsync(format);
        await Expect(Row(table, "Type")).ToHaveTextAsync(type);
        await Expect(Row(table, "Maximum disk size")).ToHaveTextAsync("64 MB");
        await Expect(Row(table, "Current file size")).ToHaveTextAsync(InspectSize(new FileInfo(disk).Length));
        if (type != "Differencing")
        {
            await Expect(dialog.GetByRole(AriaRole.List, new() { Name = "Parent chain" })).ToHaveCountAsync(0);
            await CloseAsync(dialog);
        }

        return dialog;
    }

    /// <summary>By keyboard: the success notifications pile up over the dialog's corner where Close is.</summary>
    private async Task CloseAsync(ILocator dialog)
    {
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).FocusAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeHiddenAsync();
    }

    private static ILocator Row(ILocator table, string header) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) }).GetByRole(AriaRole.Cell);

    private static string InspectSize(long bytes) => bytes >= 1024L * 1024 * 1024
        ? (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " GB"
        : (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    private static async Task<JsonElement> InfoAsync(string disk, string? format = null, bool shared = false)
    {
        var arguments = new List<string> { "info", "--output=json" };
        if (shared)
        {
            arguments.Add("-U"); // a running VM holds the disk
        }

        if (format is not null)
        {
            arguments.AddRange(["-f", format]);
        }

        arguments.Add(disk);
        using var json = JsonDocument.Parse(await RunAsync("qemu-img", arguments));
        return json.RootElement.Clone();
    }

    private static async Task CheckCleanAsync(string disk, string format)
    {
        var output = await RunAsync("qemu-img", ["check", "-f", format, disk]);
        Assert.Contains("No errors were found on the image.", output, StringComparison.Ordinal);
    }

    private static async Task ReadsAsync(string disk, string format)
    {
        var output = await RunAsync("qemu-io", ["-r", "-f", format, "-c", "read -P 0 0 64M", disk]);
        Assert.Contains("read 67108864/67108864", output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.StandardError}{result.StandardOutput}");
        return result.StandardOutput + result.StandardError;
    }

    /// <summary>Each page is rendered by the server: on a loaded machine that takes more than Playwright's default 5 s now and then.</summary>
    private static async Task ExpectPageAsync(ILocator wizard, string title) =>
        await Expect(wizard.GetByRole(AriaRole.Heading, new() { Name = title, Level = 3 })).ToBeVisibleAsync(Page);

    private Task SignInAsync() => _browser.SignInAsync(_page);

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
