using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Disks;

/// <summary>/api/v1/disks on the real host and qemu-img: 202 + job, inspect, 400 field errors, OpenAPI.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiDiskTests(HvWebHostFixture host)
{
    private string NewPath(string extension) => Path.Combine(host.DataRoot, "api-disks", Guid.NewGuid().ToString("N")[..8] + extension);

    [Fact]
    public async Task CreateInspectConvert_AsJobs_Succeed()
    {
        var vhdx = NewPath(".vhdx");
        var create = await JobApi.PostAsync(host.Api, "/api/v1/disks", new { path = vhdx, format = "Vhdx", type = "Dynamic", sizeBytes = 64L << 20 });
        Assert.Equal("create-disk", create.GetProperty("kind").GetString());
        await JobApi.SucceededAsync(host.Api, JobApi.Id(create), host.RecentLog);

        var details = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/disks/inspect?path={Uri.EscapeDataString(vhdx)}", UriKind.Relative));
        Assert.Equal("Vhdx", details.GetProperty("format").GetString());
        Assert.Equal("Dynamic", details.GetProperty("type").GetString());
        Assert.Equal(64L << 20, details.GetProperty("maximumSizeBytes").GetInt64());
        var shrink = details.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "Shrink");
        Assert.False(shrink.GetProperty("available").GetBoolean());

        var qcow2 = NewPath(".qcow2");
        var convert = await JobApi.PostAsync(host.Api, "/api/v1/disks/convert", new { path = vhdx, destinationPath = qcow2, format = "Qcow2", type = "Dynamic" });
        Assert.Equal("convert-disk", convert.GetProperty("kind").GetString());
        var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(convert), host.RecentLog);
        Assert.Equal(100, done.GetProperty("percent").GetInt32());
        Assert.True(File.Exists(qcow2));
    }

    [Fact]
    public async Task InvalidInput_400WithFieldErrors_BeforeAnyJob()
    {
        using var tooBig = await host.Api.PostAsJsonAsync(new Uri("/api/v1/disks", UriKind.Relative),
            new { path = NewPath(".vhd"), format = "Vhd", type = "Dynamic", sizeBytes = 2041L << 30 });
        var problem = await Problem.ReadAsync(tooBig, HttpStatusCode.BadRequest);
        Assert.Equal("A VHD disk can be at most 2040 GB; choose VHDX for a larger disk (up to 64 TB).",
            problem.GetProperty("errors").GetProperty("sizeBytes")[0].GetString());

        using var missing = await host.Api.PostAsJsonAsync(new Uri("/api/v1/disks/merge", UriKind.Relative), new { path = NewPath(".qcow2") });
        Assert.True((await Problem.ReadAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("path", out _));
    }

    [Fact]
    public async Task OpenApi_DescribesTheDiskEndpoints()
    {
        var document = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/disks", "/api/v1/disks/inspect", "/api/v1/disks/compact", "/api/v1/disks/convert",
                     "/api/v1/disks/expand", "/api/v1/disks/shrink", "/api/v1/disks/merge", "/api/v1/disks/reconnect" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no {path}");
        }
    }

    [Fact]
    public async Task NewVm_FromAVhdx_ConvertedToQcow2ByTheCreateJob_AndRefusedAsIs()
    {
        var vhdx = NewPath(".vhdx");
        await JobApi.SucceededAsync(host.Api, JobApi.Id(await JobApi.PostAsync(host.Api, "/api/v1/disks",
            new { path = vhdx, format = "Vhdx", type = "Dynamic", sizeBytes = 64L << 20 })), host.RecentLog);

        using var asIs = await host.Api.PostAsJsonAsync(new Uri("/api/v1/vms", UriKind.Relative),
            new { name = VmFixtures.NewName("vhdx"), generation = 1, memoryStartupMb = 128, existingDiskPath = vhdx });
        var refused = await Problem.ReadAsync(asIs, HttpStatusCode.BadRequest);
        Assert.Contains("cannot be attached as it is", refused.GetProperty("errors").GetProperty("existingDiskPath")[0].GetString(), StringComparison.Ordinal);

        var create = await JobApi.PostAsync(host.Api, "/api/v1/vms",
            new { name = VmFixtures.NewName("vhdx"), generation = 1, memoryStartupMb = 128, copyDiskFrom = vhdx });
        var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(create), host.RecentLog);
        var id = done.GetProperty("vmId").GetGuid();
        try
        {
            var vm = await VmFixtures.GetAsync(host.Api, id);
            var disk = vm.GetProperty("drives").EnumerateArray().Select(d => d.GetProperty("path").GetString()).Single(p => p is not null && p.EndsWith(".qcow2", StringComparison.Ordinal));
            var details = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/disks/inspect?path={Uri.EscapeDataString(disk!)}", UriKind.Relative));
            Assert.Equal("Qcow2", details.GetProperty("format").GetString());
            Assert.Equal(64L << 20, details.GetProperty("maximumSizeBytes").GetInt64());
            Assert.True(File.Exists(vhdx), "the original VHDX stays");
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    [Fact]
    public async Task EditDiskOfARunningVm_409BeforeAnyJob()
    {
        var id = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName("inuse"));
        try
        {
            var vm = await VmFixtures.GetAsync(host.Api, id);
            var disk = vm.GetProperty("drives").EnumerateArray().Select(d => d.GetProperty("path").GetString()).First(p => p is not null && p.EndsWith(".qcow2", StringComparison.Ordinal))!;
            await JobApi.SucceededAsync(host.Api, JobApi.Id(await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start")), host.RecentLog);

            using var expand = await host.Api.PostAsJsonAsync(new Uri("/api/v1/disks/expand", UriKind.Relative), new { path = disk, newSizeBytes = 4L << 30 });
            var problem = await Problem.ReadAsync(expand, HttpStatusCode.Conflict);
            Assert.Contains($"The disk '{disk}' is in use by virtual machine", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("which is Running. Turn the VM off first.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var details = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/disks/inspect?path={Uri.EscapeDataString(disk)}", UriKind.Relative));
            Assert.EndsWith("(Running)", details.GetProperty("inUseBy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }
}
