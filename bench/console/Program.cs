using HvWeb.Bench.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

// dotnet run -c Release --project bench/console -- [VM count, 500] [rounds, 40] [images folder] [HvWeb.Web.dll] [screenshot.png]
// The real host (src/Web's Release build) with that many VMs (all Off but one real tiny guest that runs),
// the console page in headless chromium; each round pauses or resumes the running VM through the API
// and times when the list's State cell shows it. The peer: the same page's full re-render on a sort click.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
var images = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES") ?? throw new InvalidOperationException("Set HVWEB_GUEST_IMAGES (bash guest/build.sh | tail -1).");
var webDll = args.Length > 3 ? args[3] : Path.GetFullPath("src/Web/bin/Release/net10.0/HvWeb.Web.dll");
var output = Console.Out;

await using var host = await HostProcess.StartAsync(webDll, images);
await output.WriteLineAsync($"host {host.Address}; creating {count} VMs");

const string Target = "000-bench";
var created = Environment.TickCount64;
var target = await CreateAsync(host.Api, new { name = Target, generation = 1, version = "8.0", memoryStartupMb = 256, processorCount = 1, copyDiskFrom = Path.Combine(images, "tiny-bios.qcow2") });
for (var batch = 1; batch < count; batch += 25)
{
    var jobs = Enumerable.Range(batch, Math.Min(25, count - batch))
        .Select(i => CreateAsync(host.Api, new { name = $"vm-{i:000}", generation = 1, version = "8.0", memoryStartupMb = 256, processorCount = 1 }));
    await Task.WhenAll(jobs);
}

await output.WriteLineAsync($"created in {(Environment.TickCount64 - created) / 1000.0:0.0} s; starting {Target}");
await JobAsync(host.Api, await host.Api.PostAsync(new Uri($"/api/v1/vms/{target}/start", UriKind.Relative), null));
await WaitStateAsync(host.Api, target, "Running");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("HVWEB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Address.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
await page.GotoAsync("/");
await page.GetByLabel("Admin token").FillAsync(host.Token);
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.GetByRole(AriaRole.Row, new() { Name = Target }).GetByRole(AriaRole.Cell, new() { Name = "Running", Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
using (var probe = Assembly.GetExecutingAssembly().GetManifestResourceStream("HvWeb.Bench.Console.list-probe.js")!)
using (var reader = new StreamReader(probe))
{
    await page.EvaluateAsync(await reader.ReadToEndAsync());
}

var rows = await page.Locator("table.hv-vm-table tbody tr").CountAsync();
await output.WriteLineAsync($"list shows {rows} rendered rows of {count} VMs (virtualized)");

var fromRequest = new List<double>();
var fromResponse = new List<double>();
for (var i = 0; i < rounds; i++)
{
    var (action, state) = i % 2 == 0 ? ("pause", "Paused") : ("resume", "Running");
    await page.EvaluateAsync("([n, s]) => hvProbe.armState(n, s)", new[] { Target, state });
    var sent = Now();
    using (var response = await host.Api.PostAsync(new Uri($"/api/v1/vms/{target}/{action}", UriKind.Relative), null))
    {
        response.EnsureSuccessStatusCode();
    }

    var answered = Now();
    await page.WaitForFunctionAsync("() => hvProbe.result !== null", null, new() { Timeout = 10_000 });
    var shown = await page.EvaluateAsync<double>("() => hvProbe.result");
    fromRequest.Add(shown - sent);
    fromResponse.Add(shown - answered);
    await Task.Delay(150);
}

var sortRounds = new List<double>();
for (var i = 0; i < rounds; i++)
{
    sortRounds.Add(await page.EvaluateAsync<double>("() => hvProbe.sortRoundTrip()"));
    await Task.Delay(150);
}

await output.WriteLineAsync();
await output.WriteLineAsync($"| {count} VMs, {rounds} rounds | p50 ms | p95 ms | max ms |");
await output.WriteLineAsync("|---|---|---|---|");
Row("state change: API request sent → State cell in the DOM", fromRequest);
Row("state change: API response (engine changed) → State cell in the DOM", fromResponse);
Row("peer: sort click → list re-rendered in the DOM (full re-render round trip)", sortRounds);

if (args.Length > 4)
{
    // [screenshot.png]: the console with the running VM selected (the README's picture).
    await page.GetByRole(AriaRole.Row, new() { Name = Target }).ClickAsync();
    await page.GetByRole(AriaRole.Tab, new() { Name = "Summary" }).WaitForAsync();
    await Task.Delay(2500); // the Summary tab's thumbnail refreshes about once a second
    await page.ScreenshotAsync(new PageScreenshotOptions { Path = args[4] });
    await output.WriteLineAsync($"screenshot: {args[4]}");
}

using (await host.Api.PostAsync(new Uri($"/api/v1/vms/{target}/turn-off", UriKind.Relative), null))
{
}

return 0;

void Row(string what, List<double> samples) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {what} | {Percentile.Of(samples, 50):0.0} | {Percentile.Of(samples, 95):0.0} | {samples.Max():0.0} |"));

static double Now() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

static async Task<Guid> CreateAsync(HttpClient api, object body)
{
    using var response = await api.PostAsJsonAsync(new Uri("/api/v1/vms", UriKind.Relative), body);
    var job = await JobAsync(api, response);
    return job.GetProperty("vmId").GetGuid();
}

static async Task<JsonElement> JobAsync(HttpClient api, HttpResponseMessage accepted)
{
    if (!accepted.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
    }

    var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    for (var i = 0; i < 1200; i++)
    {
        var job = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/jobs/{id}", UriKind.Relative));
        switch (job.GetProperty("state").GetString())
        {
            case "Succeeded":
                return job;
            case "Failed" or "Cancelled" or "Aborted":
                throw new InvalidOperationException($"job {id}: {job}");
        }

        await Task.Delay(100);
    }

    throw new TimeoutException($"job {id} did not end");
}

static async Task WaitStateAsync(HttpClient api, Guid id, string state)
{
    for (var i = 0; i < 600; i++)
    {
        var vm = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/vms/{id}", UriKind.Relative));
        if (vm.GetProperty("state").GetString() == state)
        {
            return;
        }

        await Task.Delay(100);
    }

    throw new TimeoutException($"VM {id} did not reach {state}");
}
