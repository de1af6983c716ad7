using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>Long operations as jobs on the real host and real QEMU (TCG): 202 + Location, progress, cancel.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiJobTests(HvWebHostFixture host)
{
    /// <summary>Large enough that qemu-img writes it for many seconds (about 3 s per GB here).</summary>
    private const int LargeFixedDiskGb = 8;

    [Fact]
    public async Task StartSaveStart_AsJobs_EndSucceededWithVmRunningSavedRunning()
    {
        var id = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName());
        try
        {
            var start = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start");
            Assert.Equal(id, start.GetProperty("vmId").GetGuid());
            await JobApi.SucceededAsync(host.Api, JobApi.Id(start), host.RecentLog);
            Assert.Equal("Running", await VmFixtures.StateAsync(host.Api, id));

            var save = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/save");
            using (var conflicting = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/save", UriKind.Relative), null))
            {
                // The first save holds the VM (job lock) or has already saved it (state rules): either way 409 at once.
                await Problem.ReadAsync(conflicting, HttpStatusCode.Conflict);
            }

            var saved = await JobApi.SucceededAsync(host.Api, JobApi.Id(save), host.RecentLog);
            Assert.Equal(100, saved.GetProperty("percent").GetInt32());
            Assert.Equal("Saved", await VmFixtures.StateAsync(host.Api, id));
            Assert.NotEmpty(saved.GetProperty("log").EnumerateArray());

            var restore = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start");
            Assert.Contains("saved state", restore.GetProperty("description").GetString(), StringComparison.Ordinal);
            await JobApi.SucceededAsync(host.Api, JobApi.Id(restore), host.RecentLog);
            Assert.Equal("Running", await VmFixtures.StateAsync(host.Api, id));

            // Newest first: the three lifecycle jobs, then the one that created the VM.
            var jobs = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/jobs?vmId={id}&state=Succeeded", UriKind.Relative));
            Assert.Equal([JobApi.Id(restore), JobApi.Id(save), JobApi.Id(start)], jobs.EnumerateArray().Take(3).Select(JobApi.Id));
            Assert.Equal(["start", "save", "start", "create-vm"], jobs.EnumerateArray().Select(j => j.GetProperty("kind").GetString()));
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    [Fact]
    public async Task CreateWithLargeFixedDisk_CancelledMidway_NoVmAndNoFileLeft()
    {
        var name = VmFixtures.NewName("e2e-cancel");
        var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name, generation = 2, memoryStartupMb = 256, newDiskSizeGb = LargeFixedDiskGb, newDiskType = "Fixed" });
        Assert.True(job.GetProperty("canCancel").GetBoolean());

        // Mid-way: qemu-img has been writing the disk for a second (of about 25).
        await JobApi.WaitAsync(host.Api, JobApi.Id(job), JobApi.IsCreatingDisk, hostLog: host.RecentLog);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var cancelledAt = Stopwatch.StartNew();
        using (var cancel = await host.Api.PostAsync(new Uri($"/api/v1/jobs/{JobApi.Id(job)}/cancel", UriKind.Relative), null))
        {
            Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"Cancel: {(int)cancel.StatusCode} {await cancel.Content.ReadAsStringAsync()}");
        }

        var ended = await JobApi.WaitForEndAsync(host.Api, JobApi.Id(job), hostLog: host.RecentLog);

        Assert.Equal("Cancelled", ended.GetProperty("state").GetString());
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(10), $"The cancel took {cancelledAt.Elapsed} to take effect: {ended}");
        Assert.False(await VmFixtures.ExistsAsync(host.Api, name), $"VM '{name}' is registered after a cancelled create.");
        var folder = Path.Combine(host.DataRoot, "Virtual Machines", name);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length == 0,
            $"Files are left in {folder}: {string.Join(", ", Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [])}");

        using var again = await host.Api.PostAsync(new Uri($"/api/v1/jobs/{JobApi.Id(job)}/cancel", UriKind.Relative), null);
        await Problem.ReadAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OpenApi_DescribesJobsAndWhichOperationsAreJobs()
    {
        var document = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/jobs/{id}/cancel", out _));
        Assert.True(paths.GetProperty("/api/v1/vms/{id}/save").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(paths.GetProperty("/api/v1/vms/{id}/pause").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        var create = paths.GetProperty("/api/v1/vms").GetProperty("post");
        Assert.True(create.GetProperty("responses").TryGetProperty("202", out _));
        Assert.Contains("Every create runs as a job", create.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownJob_404Problem()
    {
        using var get = await host.Api.GetAsync(new Uri($"/api/v1/jobs/{Guid.NewGuid()}", UriKind.Relative));
        await Problem.ReadAsync(get, HttpStatusCode.NotFound);

        using var cancel = await host.Api.PostAsync(new Uri($"/api/v1/jobs/{Guid.NewGuid()}/cancel", UriKind.Relative), null);
        await Problem.ReadAsync(cancel, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("state=Sleeping", "state")]
    [InlineData("limit=0", "limit")]
    public async Task ListJobs_BadFilter_400WithFieldError(string query, string field)
    {
        using var response = await host.Api.GetAsync(new Uri($"/api/v1/jobs?{query}", UriKind.Relative));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
