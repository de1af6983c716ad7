using System.Runtime.CompilerServices;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Display;

/// <summary>The console page in Debian's chromium against the real host and real QEMU guests.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ConsoleBrowserTests(HvWebHostFixture host) : IAsyncLifetime
{
    private static readonly TimeSpan SerialTimeout = TimeSpan.FromSeconds(30);
    private static readonly LocatorAssertionsToBeVisibleOptions Connect = new() { Timeout = 30_000 };
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static (HvWebHostFixture Host, WebTestVm Vm)? _shared;
    private BrowserSession _browser = default!;
    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async Task InitializeAsync()
    {
        _browser = await BrowserSession.LaunchAsync(host);
        _context = await _browser.NewContextAsync(1280, 800);
        _page = await NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
    }

    [Fact]
    public Task Canvas_RunningVm_ShowsTheGuestScreenLikeQmpScreendump() => WithDiagnosticsAsync(async () =>
    {
        var vm = await SharedVmAsync();
        await OpenConsoleAsync(_page, vm);

        var (different, canvas, dump) = (1.0, (PngImage?)null, (PngImage?)null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (different > 0.005 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            dump = PngImage.Decode(await vm.ScreenshotAsync());
            canvas = await CanvasAsync(_page);
            different = ScreenComparison.DifferentShare(canvas, dump);
            await Task.Delay(200);
        }

        Assert.True(canvas!.ForegroundShare() > 0.001, "the canvas is blank");
        Assert.True(different <= 0.005, $"{different:P2} of the canvas differs from QEMU's screendump ({canvas.Width}x{canvas.Height} vs {dump!.Width}x{dump.Height})");
    });

    [Fact]
    public Task Keyboard_TypedOnCanvas_ReachesTheGuestShell() => WithDiagnosticsAsync(async () =>
    {
        var vm = await SharedVmAsync();
        await OpenConsoleAsync(_page, vm);
        var marker = "hv-" + Guid.NewGuid().ToString("N")[..10];
        var from = vm.Serial.Length;

        await Screen(_page).ClickAsync();
        await TypeOnKeyboardAsync(_page, $"echo {marker} > /dev/ttyS0\n");

        await vm.Serial.WaitForAsync(marker, from, SerialTimeout);
        Assert.Equal(0, await _page.EvaluateAsync<int>("() => window.scrollY"));
    });

    [Fact]
    public Task TypeClipboardText_MixedCaseDigitsSymbols_ArrivesExactly() => WithDiagnosticsAsync(async () =>
    {
        var vm = await SharedVmAsync();
        await OpenConsoleAsync(_page, vm);
        var text = $"Hv-Mixed Case {Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()} 0123456789 !@#$%^&*()_+-=[]{{}};:\",.<>/?|~`";
        var from = vm.Serial.Length;

        await _page.GetByRole(AriaRole.Button, new() { Name = "Type clipboard text" }).ClickAsync();
        await _page.GetByLabel("Text to type").FillAsync($"echo '{text}' > /dev/ttyS0\n");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Type", Exact = true }).ClickAsync();

        await Expect(_page.GetByText("Typed ")).ToBeVisibleAsync(Connect);
        await vm.Serial.WaitForAsync(text + "\r\n", from, SerialTimeout);
    });

    [Fact]
    public Task TwoViewers_ReadOnlyOne_WatchesButItsInputIsRefused() => WithDiagnosticsAsync(async () =>
    {
        var vm = await SharedVmAsync();
        var viewer = await NewPageAsync();
        await OpenConsoleAsync(_page, vm);
        await OpenConsoleAsync(viewer, vm, readOnly: true);
        await Expect(viewer.GetByText("Read-only")).ToBeVisibleAsync();
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Button, new() { Name = "Ctrl+Alt+Del" }).CountAsync());
        var refused = "ro-" + Guid.NewGuid().ToString("N")[..10];
        var accepted = "rw-" + Guid.NewGuid().ToString("N")[..10];
        var from = vm.Serial.Length;

        // The read-only page sends nothing, and the server refuses what a modified page would send.
        await Screen(viewer).ClickAsync();
        await TypeOnKeyboardAsync(viewer, $"echo {refused} > /dev/ttyS0\n");
        var answer = await viewer.EvaluateAsync<string>(
            "c => c.hvDisplay.connection.invoke('Key', 'KeyA', true).then(() => 'accepted', e => e.message)",
            await Screen(viewer).ElementHandleAsync());
        Assert.Contains("read-only", answer, StringComparison.Ordinal);

        await Screen(_page).ClickAsync();
        await TypeOnKeyboardAsync(_page, $"echo {accepted} > /dev/ttyS0\n");
        await vm.Serial.WaitForAsync(accepted, from, SerialTimeout);
        Assert.DoesNotContain(refused, vm.Serial.ReadFrom(from), StringComparison.Ordinal);

        // Both still watch: the read-only viewer shows what the other one typed.
        await Expect(viewer.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task VmTurnedOffThenStarted_PageSaysOffThenReconnects() => WithDiagnosticsAsync(async () =>
    {
        var vm = await WebTestVm.StartAsync(host, "console-off");
        await OpenConsoleAsync(_page, vm);

        await vm.TurnOffAsync();
        await Expect(_page.GetByText($"VM '{vm.Name}' is Off. Start it to see its screen.")).ToBeVisibleAsync(Connect);

        await _page.GetByRole(AriaRole.Button, new() { Name = $"Start {vm.Name}", Exact = true }).ClickAsync();
        await Expect(_page.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await vm.Serial.WaitForAsync(SerialLog.ReadyMarker, 0, SerialTimeout);
        await vm.TurnOffAsync();
    });

    [Fact]
    public Task CtrlAltDel_FromToolbar_ReachesTheGuest() => WithDiagnosticsAsync(async () =>
    {
        // The tiny guest's init powers off on Ctrl+Alt+Del (inittab ::ctrlaltdel).
        var vm = await WebTestVm.StartAsync(host, "console-cad");
        await OpenConsoleAsync(_page, vm);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Ctrl+Alt+Del" }).ClickAsync();

        await Expect(_page.GetByText($"VM '{vm.Name}' is Off. Start it to see its screen.")).ToBeVisibleAsync(Connect);
        Assert.Equal("Off", await vm.StateAsync());
    });

    [Fact]
    public Task VmList_ConnectAndThumbnail_OpenConsoleTabAndShowLiveImage() => WithDiagnosticsAsync(async () =>
    {
        var vm = await SharedVmAsync();
        await SignInAsync(_page);
        var row = _page.GetByRole(AriaRole.Row, new() { Name = vm.Name });
        await row.ClickAsync(); // the thumbnail is in the selected VM's Summary, Connect... in its Actions pane

        var thumbnail = _page.GetByRole(AriaRole.Img, new() { Name = $"Screen of {vm.Name}" });
        await Expect(thumbnail).ToBeVisibleAsync(Connect);
        await _page.WaitForFunctionAsync("i => i.complete && i.naturalWidth > 0", await thumbnail.ElementHandleAsync(), new() { Timeout = 30_000 });

        var popup = await _page.RunAndWaitForPopupAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = $"Connect to {vm.Name}" }).ClickAsync());
        await Expect(popup.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync(Connect);
        Assert.EndsWith($"/vms/{vm.Id}/console", popup.Url, StringComparison.Ordinal);
    });

    private async Task<WebTestVm> SharedVmAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is not { } shared || shared.Host != host || await shared.Vm.StateAsync() != "Running")
            {
                _shared = (host, await WebTestVm.StartAsync(host, "console"));
            }

            return _shared.Value.Vm;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    private Task<IPage> NewPageAsync() => _browser.NewPageAsync(_context);

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        if (await page.GetByLabel("Admin token").CountAsync() > 0)
        {
            await page.GetByLabel("Admin token").FillAsync(host.Token);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hyper-V Manager", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task OpenConsoleAsync(IPage page, WebTestVm vm, bool readOnly = false)
    {
        await SignInAsync(page);
        await page.GotoAsync($"/vms/{vm.Id}/console{(readOnly ? "?readOnly=true" : "")}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = vm.Name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Connected", new() { Exact = true })).ToBeVisibleAsync(Connect);
    }

    private static ILocator Screen(IPage page) => page.GetByRole(AriaRole.Application);

    /// <summary>
    /// Types like a person on a US keyboard: Shift held for capitals and shifted symbols (Playwright's
    /// TypeAsync sends '>' as the Period key without Shift, which no physical keyboard does).
    /// </summary>
    private static async Task TypeOnKeyboardAsync(IPage page, string text)
    {
        foreach (var character in text)
        {
            Assert.True(HvWeb.Display.Input.UsKeyboardText.TryGetStroke(character, out var stroke), $"'{character}' is not on a US keyboard");
            await page.Keyboard.PressAsync(stroke.Shift ? $"Shift+{stroke.Code}" : stroke.Code);
        }
    }

    private static async Task<PngImage> CanvasAsync(IPage page)
    {
        var url = await Screen(page).EvaluateAsync<string>("c => c.toDataURL('image/png')");
        return PngImage.Decode(Convert.FromBase64String(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..]));
    }

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
