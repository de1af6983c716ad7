using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Checkpoints;

/// <summary>The checkpoint API on the real host (an Off tiny VM: no boot): take, tree, rename, take-and-apply, delete subtree, refusals, OpenAPI.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiCheckpointTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Checkpoints_ThroughTheApi_TreeJobsAndRefusals()
    {
        var id = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName("e2e-ckpt"));
        try
        {
            var take = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/checkpoints", new { name = "first" });
            Assert.Equal("checkpoint", take.GetProperty("kind").GetString());
            await JobApi.SucceededAsync(host.Api, JobApi.Id(take), host.RecentLog);

            var tree = await TreeAsync(id);
            var first = tree.GetProperty("roots")[0];
            Assert.Equal("first", first.GetProperty("name").GetString());
            Assert.Equal("Production", first.GetProperty("type").GetString());
            Assert.True(first.GetProperty("isNowParent").GetBoolean());
            var cid = first.GetProperty("id").GetGuid();
            Assert.Equal(cid, tree.GetProperty("nowParentId").GetGuid());

            using (var renamed = await host.Api.PatchAsJsonAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{cid}", UriKind.Relative), new { name = "base line" }))
            {
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }

            using (var empty = await host.Api.PatchAsJsonAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{cid}", UriKind.Relative), new { name = " " }))
            {
                var problem = await Problem.ReadAsync(empty, HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
            }

            using (var unknown = await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{Guid.NewGuid()}", UriKind.Relative)))
            {
                await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
            }

            // Take Checkpoint and Apply: "Now" becomes a second checkpoint under the first (default name), then the first is applied.
            var apply = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/checkpoints/{cid}/apply", new { takeCheckpointFirst = true });
            await JobApi.SucceededAsync(host.Api, JobApi.Id(apply), host.RecentLog);
            tree = await TreeAsync(id);
            var root = tree.GetProperty("roots")[0];
            Assert.Equal("base line", root.GetProperty("name").GetString());
            Assert.StartsWith("e2e-ckpt-", root.GetProperty("children")[0].GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.Equal(cid, tree.GetProperty("nowParentId").GetGuid());

            var revert = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/revert");
            await JobApi.SucceededAsync(host.Api, JobApi.Id(revert), host.RecentLog);

            var delete = await JobApi.AcceptedAsync(await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{cid}?subtree=true", UriKind.Relative)), host.RecentLog);
            await JobApi.SucceededAsync(host.Api, JobApi.Id(delete), host.RecentLog);
            Assert.Equal(0, (await TreeAsync(id)).GetProperty("count").GetInt32());

            using (var off = await host.Api.PatchAsJsonAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative), new { checkpointsEnabled = false }))
            {
                Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            }

            using (var refused = await host.Api.PostAsJsonAsync(new Uri($"/api/v1/vms/{id}/checkpoints", UriKind.Relative), new { }))
            {
                var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
                Assert.StartsWith("Checkpoints are disabled for", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            var document = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Contains("/api/v1/vms/{id}/checkpoints/{cid}/apply", document, StringComparison.Ordinal);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    private async Task<JsonElement> TreeAsync(Guid id) =>
        await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/vms/{id}/checkpoints", UriKind.Relative));
}
