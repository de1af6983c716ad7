using System.Net;
using System.Net.Http.Json;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>POST /api/v1/vms/{id}/export on the real host (an Off tiny VM, no boot): the job and its folder, 400 / 404 / 409, OpenAPI.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ExportApiTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Export_ThroughTheApi_JobFolderAndRefusals()
    {
        var name = VmFixtures.NewName("e2e-export");
        var id = await VmFixtures.CreateTinyAsync(host, name);
        using var destination = new TempFolder("hvweb-api-export-");
        try
        {
            var job = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/export", new { destinationFolder = destination.Path });
            Assert.Equal("export-vm", job.GetProperty("kind").GetString());
            await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
            Assert.True(File.Exists(Path.Combine(destination.Path, name, "Virtual Machines", $"{id:D}.json")));
            Assert.Single(Directory.GetFiles(Path.Combine(destination.Path, name, "Virtual Hard Disks")));

            using (var again = await host.Api.PostAsJsonAsync(new Uri($"/api/v1/vms/{id}/export", UriKind.Relative), new { destinationFolder = destination.Path }))
            {
                var problem = await Problem.ReadAsync(again, HttpStatusCode.BadRequest);
                Assert.Contains("already holds an export of this VM", problem.GetProperty("errors").GetProperty("destinationFolder")[0].GetString(), StringComparison.Ordinal);
            }

            using (var relative = await host.Api.PostAsJsonAsync(new Uri($"/api/v1/vms/{id}/export", UriKind.Relative), new { destinationFolder = "exports" }))
            {
                var problem = await Problem.ReadAsync(relative, HttpStatusCode.BadRequest);
                Assert.Contains("absolute", problem.GetProperty("errors").GetProperty("destinationFolder")[0].GetString(), StringComparison.Ordinal);
            }

            using (var unknownCheckpoint = await host.Api.PostAsJsonAsync(new Uri($"/api/v1/vms/{id}/export", UriKind.Relative), new { destinationFolder = Path.Combine(destination.Path, "x"), checkpointId = Guid.NewGuid() }))
            {
                await Problem.ReadAsync(unknownCheckpoint, HttpStatusCode.NotFound);
            }

            using (var unknownVm = await host.Api.PostAsJsonAsync(new Uri($"/api/v1/vms/{Guid.NewGuid()}/export", UriKind.Relative), new { destinationFolder = destination.Path }))
            {
                await Problem.ReadAsync(unknownVm, HttpStatusCode.NotFound);
            }

            var document = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Contains("/api/v1/vms/{id}/export", document, StringComparison.Ordinal);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }
}
