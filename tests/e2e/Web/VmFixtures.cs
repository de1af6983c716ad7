using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Web;

/// <summary>VMs made through the API for a test: created by a job, turned off and deleted with their disks afterwards.</summary>
public static class VmFixtures
{
    public static string NewName(string prefix = "e2e") => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A generation 1 VM with a copy of the tiny BIOS guest's disk; waits for the create job; returns its ID.</summary>
    public static async Task<Guid> CreateTinyAsync(HvWebHostFixture host, string name, int memoryMb = 256)
    {
        var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new
        {
            name,
            generation = 1,
            version = "8.0",
            memoryStartupMb = memoryMb,
            processorCount = 1,
            copyDiskFrom = GuestImages.TinyBios,
        });
        var done = await JobApi.SucceededAsync(host.Api, JobApi.Id(job), host.RecentLog);
        return done.GetProperty("vmId").GetGuid();
    }

    public static async Task<JsonElement> GetAsync(HttpClient api, Guid id) =>
        await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/vms/{id}", UriKind.Relative));

    public static async Task<string?> StateAsync(HttpClient api, Guid id) => (await GetAsync(api, id)).GetProperty("state").GetString();

    public static async Task<bool> ExistsAsync(HttpClient api, string name)
    {
        var vms = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/vms", UriKind.Relative));
        return vms.EnumerateArray().Any(vm => vm.GetProperty("name").GetString() == name);
    }

    /// <summary>Turns the VM off if needed and deletes it with its disks; never fails the test.</summary>
    public static async Task RemoveAsync(HttpClient api, Guid id)
    {
        try
        {
            using (await api.PostAsync(new Uri($"/api/v1/vms/{id}/turn-off", UriKind.Relative), null))
            {
            }

            using var deleted = await api.DeleteAsync(new Uri($"/api/v1/vms/{id}?deleteDisks=true", UriKind.Relative));
            _ = deleted.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            // The host is gone; its data folder goes with the fixture.
        }
    }
}
