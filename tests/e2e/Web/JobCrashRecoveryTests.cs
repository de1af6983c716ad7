namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// The console killed (SIGKILL) in the middle of a job and started again on the same data folder.
/// Its own host (it is killed), in the shared collection so that it does not run beside the others.
/// </summary>
[Collection(HvWebCollection.Name)]
public sealed class JobCrashRecoveryTests : IAsyncLifetime
{
    private readonly HvWebHostFixture host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await OrphanProcesses.KillAsync(host.DataRoot);
    }

    [Fact]
    public async Task HostKilledDuringCreate_JobShowsAbortedAndTheHostStillWorks()
    {
        var usable = await VmFixtures.CreateTinyAsync(host, VmFixtures.NewName("e2e-usable"));
        var name = VmFixtures.NewName("e2e-crash");
        var job = await JobApi.PostAsync(host.Api, "/api/v1/vms", new { name, generation = 2, memoryStartupMb = 256, newDiskSizeGb = 8, newDiskType = "Fixed" });
        await JobApi.WaitAsync(host.Api, JobApi.Id(job), JobApi.IsCreatingDisk, hostLog: host.RecentLog);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await host.KillAsync();
        // qemu-img outlives the console (it is its own process); it would finish a file nobody owns.
        await OrphanProcesses.KillAsync(host.DataRoot);
        await host.StartAgainAsync();

        var aborted = await JobApi.GetAsync(host.Api, JobApi.Id(job));
        Assert.True(aborted.GetProperty("state").GetString() == "Aborted", $"{aborted}{Environment.NewLine}{host.RecentLog}");
        Assert.False(string.IsNullOrWhiteSpace(aborted.GetProperty("error").GetString()), aborted.ToString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, aborted.GetProperty("endedUtc").ValueKind);
        Assert.False(await VmFixtures.ExistsAsync(host.Api, name), $"The half-created VM '{name}' is registered.");
        var disk = Path.Combine(host.DataRoot, "Virtual Machines", name, "Virtual Hard Disks", name + ".qcow2");
        Assert.False(File.Exists(disk), $"The half-written disk looks done: {disk}");

        var start = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{usable}/start");
        await JobApi.SucceededAsync(host.Api, JobApi.Id(start), host.RecentLog);
        Assert.Equal("Running", await VmFixtures.StateAsync(host.Api, usable));
        await VmFixtures.RemoveAsync(host.Api, usable);
    }
}
