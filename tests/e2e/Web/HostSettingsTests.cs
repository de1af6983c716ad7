using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>Hyper-V Settings through the API on a real host: the default folder is used by the next VM; bad values are refused.</summary>
[Collection(HvWebCollection.Name)]
public sealed class HostSettingsTests(HvWebHostFixture host)
{
    private static readonly Uri Settings = new("/api/v1/host/settings", UriKind.Relative);

    [Fact]
    public async Task VirtualMachinesFolder_Changed_NextCreatedVmIsStoredThere()
    {
        var before = await host.Api.GetFromJsonAsync<JsonElement>(Settings);
        var oldFolder = before.GetProperty("virtualMachinesFolder").GetString()!;
        var newFolder = Path.Combine(host.DataRoot, "Elsewhere", "Virtual Machines");
        Guid? vmId = null;
        try
        {
            using (var patch = await host.Api.PatchAsJsonAsync(Settings, new { virtualMachinesFolder = newFolder }))
            {
                Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
                var after = await patch.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(newFolder, after.GetProperty("virtualMachinesFolder").GetString());
            }

            Assert.True(File.Exists(Path.Combine(host.DataRoot, "host-settings.json")));
            var name = VmFixtures.NewName("e2e-folder");
            var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name, generation = 1, memoryStartupMb = 128, newDiskSizeGb = 1 });
            vmId = (await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog)).GetProperty("vmId").GetGuid();
            var vm = await VmFixtures.GetAsync(host.Api, vmId.Value);
            Assert.Equal(Path.Combine(newFolder, name), vm.GetProperty("folder").GetString());
            Assert.True(File.Exists(Path.Combine(newFolder, name, "Virtual Hard Disks", name + ".qcow2")));
        }
        finally
        {
            if (vmId is { } id)
            {
                await VmFixtures.RemoveAsync(host.Api, id);
            }

            using var restore = await host.Api.PatchAsJsonAsync(Settings, new { virtualMachinesFolder = oldFolder });
        }
    }

    [Theory]
    [InlineData("{\"virtualMachinesFolder\":\"relative/folder\"}", "virtualMachinesFolder")]
    [InlineData("{\"virtualHardDisksFolder\":\"/proc/hvweb-cannot\"}", "virtualHardDisksFolder")]
    [InlineData("{\"storageMigrations\":0}", "storageMigrations")]
    [InlineData("{\"storageMigrations\":17}", "storageMigrations")]
    public async Task Patch_BadValue_400NamesTheFieldAndChangesNothing(string json, string field)
    {
        var before = await host.Api.GetStringAsync(Settings);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await host.Api.PatchAsync(Settings, content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(before, await host.Api.GetStringAsync(Settings));
    }

    [Fact]
    public async Task Preferences_PutThenGet_RoundTripForTheSignedInUser()
    {
        using (var put = await host.Api.PutAsJsonAsync(new Uri("/api/v1/me/preferences/user.keyboard", UriKind.Relative), new { value = "virtual-machine" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var got = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/me/preferences/user.keyboard", UriKind.Relative));
        Assert.Equal("virtual-machine", got.GetProperty("value").GetString());

        using var bad = await host.Api.PutAsJsonAsync(new Uri("/api/v1/me/preferences/user.mouse-release-key", UriKind.Relative), new { value = "ctrl-alt-del" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var missing = await host.Api.GetAsync(new Uri("/api/v1/me/preferences/never.set", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesHostSettingsAndPreferences()
    {
        var document = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/v1/host/settings", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/me/preferences/{key}", document, StringComparison.Ordinal);
        Assert.Contains("UpdateHostSettings", document, StringComparison.Ordinal);
    }
}
