using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Engine;

/// <summary>PATCH /vms/{id} with the Settings dialog's fields, and POST /vms/{id}/upgrade-version, on a real host.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiSettingsTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Patch_InvalidSettings_400WithEveryField_ValidSettingsShownByGet()
    {
        var id = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName("settings"));
        try
        {
            using var bad = await PatchAsync(id, """
                {"secureBoot":true,"processorReservePercent":80,"processorLimitPercent":50,
                 "networkAdapters":[{"id":"0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d","vlanId":5000,"switchName":"External"}],
                 "drives":[{"controller":"Scsi","controllerNumber":2,"location":0,"kind":"Dvd"}]}
                """);
            var problem = await Problem.ReadAsync(bad, HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors");
            foreach (var field in new[] { "secureBoot", "processorReservePercent", "networkAdapters[0].vlanId", "networkAdapters[0].switchName", "drives[0].controllerNumber" })
            {
                Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
            }

            using var good = await PatchAsync(id, """
                {"dynamicMemoryEnabled":true,"memoryMinimumMb":128,"memoryMaximumMb":1024,"memoryBufferPercent":30,
                 "processorLimitPercent":50,"processorWeight":300,"com1PipeName":"settings-com1","scsiControllerCount":2,
                 "networkAdapters":[{"id":"0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d","legacy":true,"vlanId":42}],
                 "integrationServices":{"heartbeat":true,"guestServices":true},"checkpointType":"Standard"}
                """);
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            var vm = await VmFixtures.GetAsync(host.Api, id);
            Assert.True(vm.GetProperty("dynamicMemoryEnabled").GetBoolean());
            Assert.Equal(1024, vm.GetProperty("memoryMaximumMb").GetInt32());
            Assert.Equal(2, vm.GetProperty("scsiControllerCount").GetInt32());
            Assert.Equal("settings-com1", vm.GetProperty("com1PipeName").GetString());
            Assert.True(vm.GetProperty("networkAdapters")[0].GetProperty("legacy").GetBoolean());
            Assert.Equal("Standard", vm.GetProperty("checkpointType").GetString());

            // Already at 8.0, the highest: 400.
            using var upgrade = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/upgrade-version", UriKind.Relative), null);
            await Problem.ReadAsync(upgrade, HttpStatusCode.BadRequest);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    [Fact]
    public async Task UpgradeVersion_From50_To80_AndOpenApiDescribesIt()
    {
        var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name = VmFixtures.NewName("v50"), generation = 1, version = "5.0", memoryStartupMb = 256 });
        var id = (await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog)).GetProperty("vmId").GetGuid();
        try
        {
            using var upgrade = await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/upgrade-version", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, upgrade.StatusCode);
            Assert.Equal("8.0", (await upgrade.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString());
            var openApi = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Assert.Contains("/api/v1/vms/{id}/upgrade-version", openApi, StringComparison.Ordinal);
            Assert.Contains("processorLimitPercent", openApi, StringComparison.Ordinal);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    [Fact]
    public async Task Host_SaysWhetherProcessorControlsAreEnforced()
    {
        var info = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/host", UriKind.Relative));
        var enforced = info.GetProperty("cpuControlsEnforced").GetBoolean();
        var reason = info.GetProperty("cpuControlsReason").GetString()!;
        // Whichever way this machine is: cgroup v2 writable → enforced; otherwise the reason says so.
        Assert.Equal(File.Exists("/sys/fs/cgroup/cgroup.controllers") && enforced, enforced);
        Assert.Contains(enforced ? "are enforced with cgroup v2" : "not enforced on this host", reason, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await host.Api.PatchAsync(new Uri($"/api/v1/vms/{id}", UriKind.Relative), content);
    }
}
