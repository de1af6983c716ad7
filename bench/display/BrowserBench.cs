using HvWeb.Bench.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Engine.Host;
using Microsoft.Playwright;

namespace HvWeb.Bench.Display;

/// <summary>
/// HvWeb's console against noVNC (Debian's novnc + websockify on the same VM's VNC socket) in the
/// same headless chromium, one after the other on the same guest and workloads: frames painted per
/// second, bytes per painted frame on the wire, server CPU per frame, keypress-to-paint latency.
/// </summary>
internal static class BrowserBench
{
    private const string ScrollText = "The quick brown fox jumps over the lazy dog. 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const int LatencyKeys = 20;

    private static readonly (string Name, string Command)[] Workloads =
    [
        ("scroll 50 lines/s, 6 s", $"i=0; while [ $i -lt 300 ]; do echo \"$RANDOM $i: {ScrollText}\" > /dev/tty1; usleep 20000; i=$((i+1)); done"),
        ("random pixels 256 KiB x 40", "i=0; while [ $i -lt 40 ]; do dd if=/dev/urandom of=/dev/fb0 bs=4096 count=64 seek=$(( (i * 64) % 960 )) 2>/dev/null; usleep 50000; i=$((i+1)); done"),
    ];

    public static async Task RunAsync(string images, string webDll, TextWriter output)
    {
        await using var host = await HostProcess.StartAsync(webDll, images);
        var (id, name) = await CreateAndStartAsync(host, images);
        var runtime = Path.Combine(host.DataRoot, "Virtual Machines", name, "Virtual Machines", id.ToString("D"));
        var socketFolder = VmPaths.SocketFolder(host.DataRoot, id);
        var serial = new GuestSerial(VmPaths.SerialSocket(socketFolder), Path.Combine(runtime, "serial.log"));
        await serial.WaitForAsync("HVWEB-READY", 0, TimeSpan.FromSeconds(120));
        var qemuPid = int.Parse((await File.ReadAllTextAsync(Path.Combine(runtime, "qemu.pid"))).Trim(), CultureInfo.InvariantCulture);
        // No blinking cursor: after a key press, the next paint is the key's echo.
        await serial.RunAsync("echo 0 > /sys/class/graphics/fbcon/cursor_blink; clear > /dev/tty1", TimeSpan.FromSeconds(30));

        var port = FreePort();
        using var websockify = Process.Start(new ProcessStartInfo("websockify",
            ["--web", "/usr/share/novnc", $"--unix-target={VmPaths.VncSocket(socketFolder)}", $"127.0.0.1:{port}"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        websockify.OutputDataReceived += (_, _) => { };
        websockify.ErrorDataReceived += (_, _) => { };
        websockify.BeginOutputReadLine();
        websockify.BeginErrorReadLine();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("HVWEB_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            });
            var probe = await ReadProbeAsync();
            var rows = new List<string>();

            await using (var context = await NewContextAsync(browser, probe, host.Address))
            {
                var page = Track(await context.NewPageAsync());
                await page.GotoAsync("/login");
                await page.GetByLabel("Admin token").FillAsync(host.Token);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
                await page.GotoAsync($"/vms/{id}/console");
                await page.GetByText("Connected", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
                rows.AddRange(await MeasureAsync("HvWeb", page, page.GetByRole(AriaRole.Application), "/hubs/display", host.ProcessId, qemuPid, serial));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "hvweb-bench-console.png") });
            }

            // The closed console's display connection lingers; let it go so QEMU serves noVNC alone.
            await Task.Delay(TimeSpan.FromSeconds(17));
            await using (var context = await NewContextAsync(browser, probe, new Uri($"http://127.0.0.1:{port}")))
            {
                var page = Track(await context.NewPageAsync());
                await page.GotoAsync($"/vnc_lite.html?host=127.0.0.1&port={port}&path=websockify");
                await page.WaitForFunctionAsync("() => document.querySelector('#screen canvas') && document.querySelector('#screen canvas').width > 100", null, new() { Timeout = 60_000 });
                rows.AddRange(await MeasureAsync("noVNC 1.3 + websockify", page, page.Locator("#screen canvas"), "websockify", websockify.Id, qemuPid, serial));
            }

            output.WriteLine("| client | measurement | value |");
            output.WriteLine("|---|---|---:|");
            foreach (var row in rows)
            {
                output.WriteLine(row);
            }
        }
        finally
        {
            websockify.Kill();
            await websockify.WaitForExitAsync();
            using var off = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/turn-off", UriKind.Relative), null);
        }
    }

    private static async Task<List<string>> MeasureAsync(string client, IPage page, ILocator screen, string socketPath, int serverPid, int qemuPid, GuestSerial serial)
    {
        long bytes = 0;
        void Count(IWebSocketFrame frame) => Interlocked.Add(ref bytes, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        foreach (var socket in Sockets(page).Where(s => s.Url.Contains(socketPath, StringComparison.Ordinal)))
        {
            socket.FrameReceived += (_, frame) => Count(frame);
        }
        await screen.ClickAsync();
        await Task.Delay(2000);
        var rows = new List<string>();

        // Keypress to paint: type x (and rub it out) at the shell prompt, one key every 400 ms.
        await page.EvaluateAsync("() => { window.__hvProbe.latencies = []; }");
        for (var i = 0; i < LatencyKeys; i++)
        {
            await page.Keyboard.PressAsync(i < LatencyKeys / 2 ? "KeyX" : "Backspace");
            await Task.Delay(400);
        }

        var latencies = (await page.EvaluateAsync<double[]>("() => window.__hvProbe.latencies")).Order().ToArray();
        var drawing = await page.EvaluateAsync<double?>("() => { const s = document.querySelector('canvas')?.hvDisplay?.stats; return s ? s.receiveToDrawMs / Math.max(1, s.frames) : null; }");
        if (drawing is { } ms)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {client} | frame received → drawn (browser decode), mean so far | {ms:0.0} ms |"));
        }

        rows.Add($"| {client} | keypress → paint p50 / p95 ({latencies.Length} of {LatencyKeys} keys) | {Percentile(latencies, 0.5):0} / {Percentile(latencies, 0.95):0} ms |");

        foreach (var (workload, command) in Workloads)
        {
            await Task.Delay(1000);
            var frames0 = await page.EvaluateAsync<int>("() => window.__hvProbe.paintedFrames");
            var (bytes0, server0, qemu0) = (Interlocked.Read(ref bytes), ProcessCpu.OfTree(serverPid), ProcessCpu.Of(qemuPid));
            var clock = Stopwatch.StartNew();
            await serial.RunAsync(command, TimeSpan.FromMinutes(3));
            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(1000);
            var frames = await page.EvaluateAsync<int>("() => window.__hvProbe.paintedFrames") - frames0;
            var received = Interlocked.Read(ref bytes) - bytes0;
            var server = ProcessCpu.OfTree(serverPid) - server0;
            var qemu = ProcessCpu.Of(qemuPid) - qemu0;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {client} | {workload}: frames painted per second | {frames / seconds:0.0} |"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {client} | {workload}: KiB on the wire per painted frame | {received / 1024.0 / Math.Max(1, frames):0.0} |"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {client} | {workload}: server CPU ms per painted frame (HvWeb / websockify) | {server.TotalMilliseconds / Math.Max(1, frames):0.00} |"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {client} | {workload}: QEMU CPU ms (guest + VNC encoding) | {qemu.TotalMilliseconds:0} |"));
        }

        return rows;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<IWebSocket>> OpenSockets = [];

    /// <summary>Remembers a page's web sockets from its start (they open before the measurement does).</summary>
    private static IPage Track(IPage page)
    {
        var sockets = OpenSockets.GetOrCreateValue(page);
        page.WebSocket += (_, socket) => sockets.Add(socket);
        return page;
    }

    private static List<IWebSocket> Sockets(IPage page) => OpenSockets.GetOrCreateValue(page);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string probe, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        await context.AddInitScriptAsync(probe);
        return context;
    }

    private static async Task<string> ReadProbeAsync()
    {
        await using var stream = typeof(BrowserBench).Assembly.GetManifestResourceStream("HvWeb.Bench.Display.page-probe.js")!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task<(Guid Id, string Name)> CreateAndStartAsync(HostProcess host, string images)
    {
        const string name = "bench";
        using var created = await host.Api.PostAsJsonAsync(new Uri("/api/v1/vms", UriKind.Relative), new
        {
            name,
            generation = 2,
            memoryStartupMb = 256,
            copyDiskFrom = Path.Combine(images, "tiny-uefi.qcow2"),
        });
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(body);
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        using var started = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/start", UriKind.Relative), null);
        if (!started.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(await started.Content.ReadAsStringAsync());
        }

        return (id, name);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
