using HvWeb.Tests.E2e.Support;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HvWeb.Tests.E2e.Web;

/// <summary>Jobs in a real browser: they run on the server, so closing the browser changes nothing.</summary>
[Collection(HvWebCollection.Name)]
public sealed class BrowserJobTests(HvWebHostFixture host, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 90_000 };
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
    public Task SaveStartedInBrowser_BrowserClosed_FinalStateShownInANewBrowser() => WithDiagnosticsAsync(async () =>
    {
        var name = VmFixtures.NewName("e2e-browser");
        // 1 GB of memory: its save takes long enough to outlast the first browser by far.
        var id = await VmFixtures.CreateTinyAsync(host, name, memoryMb: 1024);
        try
        {
            var start = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start");
            await JobApi.SucceededAsync(host.Api, JobApi.Id(start), host.RecentLog);

            // First browser: press Save, then close the browser (its circuit ends) at once.
            var first = await _browser.NewContextAsync(1280, 720);
            _page = await _browser.NewPageAsync(first);
            await SignInAsync(_page);
            var row = _page.GetByRole(AriaRole.Row, new() { Name = name });
            await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "Running", Exact = true })).ToBeVisibleAsync(Slow);
            await row.ClickAsync(); // the Actions pane shows the selected VM's actions
            await _page.GetByRole(AriaRole.Button, new() { Name = $"Save {name}", Exact = true }).ClickAsync();
            var save = await WaitForSaveJobAsync(id);
            await first.CloseAsync();
            var atClose = await JobApi.GetAsync(host.Api, JobApi.Id(save));
            // An idle tiny guest saves in a fraction of a second, so the save may end before the
            // browser is gone; LongJob_BrowserClosedWhileRunning proves a job outlives the browser.
            output.WriteLine($"Save job when the browser closed: {atClose.GetProperty("state")} {atClose.GetProperty("percent")} %");

            var ended = await JobApi.SucceededAsync(host.Api, JobApi.Id(save), host.RecentLog);
            Assert.Equal("Saved", await VmFixtures.StateAsync(host.Api, id));

            // Second browser: the jobs page shows the job's final state from the server.
            var second = await _browser.NewContextAsync(1280, 720);
            _page = await _browser.NewPageAsync(second);
            await SignInAsync(_page);
            await _page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
            await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Level = 1 })).ToBeVisibleAsync();
            var description = ended.GetProperty("description").GetString()!;
            var jobRow = _page.GetByRole(AriaRole.Row).Filter(new() { Has = _page.GetByRole(AriaRole.Link, new() { Name = description, Exact = true }) });
            await Expect(jobRow.GetByRole(AriaRole.Cell, new() { Name = "Succeeded", Exact = true })).ToBeVisibleAsync();
            await Expect(jobRow.GetByRole(AriaRole.Cell).Filter(new() { HasText = "100 %" })).ToBeVisibleAsync();

            await jobRow.GetByRole(AriaRole.Link, new() { Name = description, Exact = true }).ClickAsync();
            var details = _page.GetByRole(AriaRole.Region, new() { Name = "Job details" });
            await Expect(details).ToContainTextAsync("Succeeded (100 %)");
            await Expect(details.GetByRole(AriaRole.List, new() { Name = "Job log" })).ToBeVisibleAsync();
            await second.CloseAsync();
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    });

    [Fact]
    public Task LongJob_BrowserClosedWhileRunning_KeepsRunningAndShowsFinalState() => WithDiagnosticsAsync(async () =>
    {
        // A VM with a 12 GB fixed disk: qemu-img writes it for several seconds.
        var name = VmFixtures.NewName("e2e-long");
        var create = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name, generation = 1, memoryStartupMb = 128, newDiskSizeGb = 12, newDiskType = "Fixed" });
        var jobId = JobApi.Id(create);
        Guid? vmId = null;
        try
        {
            var first = await _browser.NewContextAsync(1280, 720);
            _page = await _browser.NewPageAsync(first);
            await SignInAsync(_page);
            await _page.GotoAsync($"/jobs/{jobId}");
            await Expect(_page.GetByRole(AriaRole.Region, new() { Name = "Job details" })).ToContainTextAsync("Running");
            await first.CloseAsync();
            var atClose = await JobApi.GetAsync(host.Api, jobId);
            output.WriteLine($"Create job when the browser closed: {atClose.GetProperty("state")} {atClose.GetProperty("percent")} %");
            Assert.False(JobApi.IsFinished(atClose), $"The create ended before the browser closed: {atClose}");

            var ended = await JobApi.SucceededAsync(host.Api, jobId, host.RecentLog);
            vmId = ended.GetProperty("vmId").GetGuid();

            var second = await _browser.NewContextAsync(1280, 720);
            _page = await _browser.NewPageAsync(second);
            await SignInAsync(_page);
            await _page.GotoAsync($"/jobs/{jobId}");
            await Expect(_page.GetByRole(AriaRole.Region, new() { Name = "Job details" })).ToContainTextAsync("Succeeded (100 %)");
            await second.CloseAsync();
        }
        finally
        {
            if (vmId is { } id)
            {
                await VmFixtures.RemoveAsync(host.Api, id);
            }
        }
    });

    private async Task<JsonElement> WaitForSaveJobAsync(Guid vmId)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var jobs = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/jobs?vmId={vmId}&kind=save", UriKind.Relative));
            if (jobs.GetArrayLength() > 0)
            {
                return jobs[0];
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The Save button did not start a save job.");
    }

    private Task SignInAsync(IPage page) => _browser.SignInAsync(page);

    private Task WithDiagnosticsAsync(Func<Task> scenario, [CallerMemberName] string name = "") => _browser.RunAsync(scenario, name);
}
