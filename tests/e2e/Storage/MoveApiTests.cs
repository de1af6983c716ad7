using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>The storage move API on the real host (an Off tiny VM: no boot): plan, refusals under their fields, the job, OpenAPI.</summary>
[Collection(HvWebCollection.Name)]
public sealed class MoveApiTests(HvWebHostFixture host)
{
    [Fact]
    public async Task MoveStorage_ThroughTheApi_PlanRefusalsAndJob()
    {
        var name = VmFixtures.NewName("e2e-move");
        var id = await VmFixtures.CreateTinyAsync(host, name);
        var folder = Path.Combine(host.DataRoot, "moved by api", name);
        try
        {
            using (var relative = await PostAsync($"/api/v1/vms/{id}/move-storage/plan", new { mode = "allToOneFolder", folder = "not/absolute" }))
            {
                var problem = await Problem.ReadAsync(relative, HttpStatusCode.BadRequest);
                Assert.Contains("absolute", problem.GetProperty("errors").GetProperty("folder")[0].GetString(), StringComparison.Ordinal);
            }

            using (var plan = await PostAsync($"/api/v1/vms/{id}/move-storage/plan", new { mode = "allToOneFolder", folder }))
            {
                Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
                var items = await plan.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains(items.EnumerateArray(), i => i.GetProperty("what").GetString() == "Configuration" && i.GetProperty("to").GetString() == folder);
                Assert.Contains(items.EnumerateArray(), i => i.GetProperty("what").GetString()!.StartsWith("Hard disk", StringComparison.Ordinal) && i.GetProperty("bytes").GetInt64() > 0);
            }

            var job = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/move-storage", new { mode = "allToOneFolder", folder });
            Assert.Equal("move-storage", job.GetProperty("kind").GetString());
            await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
            Assert.Equal(folder, (await VmFixtures.GetAsync(host.Api, id)).GetProperty("folder").GetString());

            using (var nothing = await PostAsync($"/api/v1/vms/{id}/move-storage", new { mode = "allToOneFolder", folder }))
            {
                var problem = await Problem.ReadAsync(nothing, HttpStatusCode.BadRequest);
                Assert.StartsWith("Nothing to move", problem.GetProperty("errors").GetProperty("folder")[0].GetString(), StringComparison.Ordinal);
            }

            var document = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Contains("/api/v1/vms/{id}/move-storage/plan", document, StringComparison.Ordinal);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body) => host.Api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
}
