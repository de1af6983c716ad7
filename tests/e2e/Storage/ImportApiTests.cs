using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>/api/v1/import on the real host: locate, compare (fix-ups), 409 before any job, 400 field errors, 202 + job, OpenAPI.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ImportApiTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Import_LocateCompareRefuseThenCopyAsAJob()
    {
        var name = VmFixtures.NewName("imp");
        var id = await VmFixtures.CreateTinyAsync(host, name, 128);
        Guid? imported = null;
        try
        {
            var export = Path.Combine(host.DataRoot, "api-import", Guid.NewGuid().ToString("N")[..8]);
            var config = await ExportAsync(host, id, name, export);

            using var relative = await host.Api.PostAsJsonAsync(new Uri("/api/v1/import/locate", UriKind.Relative), new { folder = "export" });
            Assert.Contains("must be an absolute folder path", (await Problem.ReadAsync(relative, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("folder")[0].GetString(), StringComparison.Ordinal);

            using var locate = await host.Api.PostAsJsonAsync(new Uri("/api/v1/import/locate", UriKind.Relative), new { folder = export });
            var candidate = Assert.Single((await locate.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
            Assert.Equal((id, name, config), (candidate.GetProperty("id").GetGuid(), candidate.GetProperty("name").GetString(), candidate.GetProperty("configFile").GetString()));

            using var compare = await host.Api.PostAsJsonAsync(new Uri("/api/v1/import/compare", UriKind.Relative), new { configFile = config, type = "RegisterInPlace" });
            var report = await compare.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(report.GetProperty("canImport").GetBoolean());
            Assert.Equal("IdInUse", Assert.Single(report.GetProperty("fixUps").EnumerateArray()).GetProperty("kind").GetString());

            using var refused = await host.Api.PostAsJsonAsync(new Uri("/api/v1/import", UriKind.Relative), new { configFile = config, type = "RegisterInPlace" });
            var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains("is already registered on this host", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("IdInUse", problem.GetProperty("fixUps")[0].GetProperty("kind").GetString());

            using var invalid = await host.Api.PostAsJsonAsync(new Uri("/api/v1/import", UriKind.Relative), new { configFile = config, type = "Copy", virtualMachineFolder = "copies" });
            Assert.True((await Problem.ReadAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("virtualMachineFolder", out _));

            var job = await JobApi.PostAsync(host.Api, "/api/v1/import", new { configFile = config, type = "Copy", virtualMachineFolder = Path.Combine(export, "copies") });
            Assert.Equal("import-vm", job.GetProperty("kind").GetString());
            await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
            var vms = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/vms", UriKind.Relative));
            var copy = Assert.Single(vms.EnumerateArray(), vm => vm.GetProperty("name").GetString() == name && vm.GetProperty("id").GetGuid() != id);
            imported = copy.GetProperty("id").GetGuid();
            Assert.Equal("Off", copy.GetProperty("state").GetString());
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
            if (imported is { } copyId)
            {
                await VmFixtures.RemoveAsync(host.Api, copyId);
            }
        }
    }

    /// <summary>Exports the VM with POST /vms/{id}/export (a job) and returns the exported configuration.</summary>
    internal static async Task<string> ExportAsync(HvWebHostFixture host, Guid id, string name, string destination)
    {
        var job = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/export", new { destinationFolder = destination });
        await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
        var config = Path.Combine(destination, name, VmPaths.ConfigFolderName, $"{id:D}.json");
        Assert.True(File.Exists(config), config);
        return config;
    }

    [Fact]
    public async Task OpenApi_DescribesTheImportEndpoints()
    {
        var document = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/import", "/api/v1/import/locate", "/api/v1/import/compare" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no {path}");
        }
    }
}
