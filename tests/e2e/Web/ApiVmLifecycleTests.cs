using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Web;

/// <summary>A real QEMU VM (TCG) from the tiny BIOS guest, driven through the REST API.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiVmLifecycleTests(HvWebHostFixture host)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Vm_CreateStartScreenshotDeleteTurnOff_BehavesLikeHyperV()
    {
        var image = GuestImages.TinyBios;
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];

        // Creating is a job: 202 with the job's Location; the VM's ID is on the job once it exists.
        using var created = await host.Api.PostAsJsonAsync(new Uri("/api/v1/vms", UriKind.Relative), new
        {
            name,
            generation = 1,
            version = "8.0",
            memoryStartupMb = 256,
            processorCount = 1,
            copyDiskFrom = image,
        });
        var createJob = await JobApi.AcceptedAsync(created, host.RecentLog);
        Assert.Equal("create-vm", createJob.GetProperty("kind").GetString());
        Assert.Equal("admin", createJob.GetProperty("startedBy").GetString());
        var id = (await JobApi.SucceededAsync(host.Api, JobApi.Id(createJob), host.RecentLog)).GetProperty("vmId").GetGuid();
        using (var read = await host.Api.GetAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative)))
        {
            var vm = await ReadAsync(read, HttpStatusCode.OK);
            Assert.Equal(name, vm.GetProperty("name").GetString());
            Assert.Equal("Off", vm.GetProperty("state").GetString());
            Assert.Equal(1, vm.GetProperty("generation").GetInt32());
            Assert.Equal("8.0", vm.GetProperty("version").GetString());
        }

        using (var started = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/start", UriKind.Relative), null))
        {
            var startJob = await JobApi.AcceptedAsync(started, host.RecentLog);
            await JobApi.SucceededAsync(host.Api, JobApi.Id(startJob), host.RecentLog);
            Assert.Equal("Running", await VmFixtures.StateAsync(host.Api, id));
        }

        using (var screenshot = await host.Api.GetAsync(new Uri($"/api/v1/vms/{id}/screenshot", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, screenshot.StatusCode);
            Assert.Equal("image/png", screenshot.Content.Headers.ContentType?.MediaType);
            var png = await screenshot.Content.ReadAsByteArrayAsync();
            Assert.Equal(PngSignature, png.Take(PngSignature.Length).ToArray());
        }

        using (var refused = await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative)))
        {
            var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains(name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var off = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/turn-off", UriKind.Relative), null))
        {
            Assert.Equal("Off", (await ReadAsync(off, HttpStatusCode.OK)).GetProperty("state").GetString());
        }

        using (var deleted = await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}?deleteDisks=true", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await host.Api.GetAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative));
        await Problem.ReadAsync(gone, HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}{Environment.NewLine}Host log:{Environment.NewLine}{host.RecentLog}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
