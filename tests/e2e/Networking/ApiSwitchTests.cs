using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>/api/v1/switches and /api/v1/host/mac-pool on a real host; a renamed switch keeps its VMs; a VM whose switch was deleted is refused at Start with the choices (409).</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiSwitchTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Switches_CreateRenameDelete_VmsFollowRename_MissingSwitchStart409WithChoices_MacPool()
    {
        var cap = await host.Api.GetFromJsonAsync<JsonElement>("/api/v1/switches/host");
        Assert.True(cap.GetProperty("available").GetBoolean(), cap.ToString());

        var name = VmFixtures.NewName("sw");
        using var created = await host.Api.PostAsJsonAsync("/api/v1/switches", new { name, type = "Private" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        var sw = await created.Content.ReadFromJsonAsync<JsonElement>();
        var switchId = sw.GetProperty("id").GetGuid();
        var vmId = Guid.Empty;
        try
        {
            Assert.StartsWith("hvbr-", sw.GetProperty("bridgeName").GetString(), StringComparison.Ordinal);
            using var duplicate = await host.Api.PostAsJsonAsync("/api/v1/switches", new { name = name.ToUpperInvariant(), type = "Internal" });
            var problem = await Problem.ReadAsync(duplicate, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());

            vmId = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName("swvm"));
            var adapterId = (await VmFixtures.GetAsync(host.Api, vmId)).GetProperty("networkAdapters")[0].GetProperty("id").GetGuid();
            using var connect = await host.Api.PatchAsJsonAsync($"/api/v1/vms/{vmId}", new { networkAdapters = new[] { new { id = adapterId, switchName = name } } });
            Assert.Equal(HttpStatusCode.OK, connect.StatusCode);

            var renamed = name + "-renamed";
            using var rename = await host.Api.PatchAsJsonAsync(location, new { name = renamed });
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
            Assert.Equal(renamed, (await VmFixtures.GetAsync(host.Api, vmId)).GetProperty("networkAdapters")[0].GetProperty("switchName").GetString());

            // The VM's switch deleted (allowed: the VM is off): Start is refused with the switch's name and the choices.
            var otherName = VmFixtures.NewName("sw");
            using var other = await host.Api.PostAsJsonAsync("/api/v1/switches", new { name = otherName, type = "Private" });
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
            using var deletedRenamed = await host.Api.DeleteAsync(location);
            Assert.Equal(HttpStatusCode.NoContent, deletedRenamed.StatusCode);
            location = other.Headers.Location!;

            using var start = await host.Api.PostAsync(new Uri($"/api/v1/vms/{vmId}/start", UriKind.Relative), null);
            var refused = await Problem.ReadAsync(start, HttpStatusCode.Conflict);
            Assert.Contains($"'{renamed}'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(renamed, refused.GetProperty("adapters")[0].GetProperty("switchName").GetString());
            Assert.Contains(otherName, refused.GetProperty("availableSwitches").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("Off", await VmFixtures.StateAsync(host.Api, vmId));

            var pool = await host.Api.GetFromJsonAsync<JsonElement>("/api/v1/host/mac-pool");
            Assert.StartsWith("00-15-5D-", pool.GetProperty("minimum").GetString(), StringComparison.Ordinal);
            using var badPool = await host.Api.PatchAsJsonAsync("/api/v1/host/mac-pool", new { minimum = "01-15-5D-00-00-00" });
            Assert.True((await Problem.ReadAsync(badPool, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("minimum", out _));
        }
        finally
        {
            if (vmId != Guid.Empty)
            {
                await VmFixtures.RemoveAsync(host.Api, vmId);
            }

            using var deleted = await host.Api.DeleteAsync(location);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var gone = await host.Api.GetAsync(location);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }
}
