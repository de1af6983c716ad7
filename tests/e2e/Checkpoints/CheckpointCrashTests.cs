using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Checkpoints;

/// <summary>
/// The console killed (SIGKILL, and the qemu-img it ran with it, as a power cut would) in the middle
/// of an offline merge (Delete Checkpoint of an Off VM: <c>qemu-img commit</c> of 512 MB), then
/// started again: the job is Aborted, every file of the chain is clean, the VM still runs from the
/// old chain and its guest reads the data, the half-merged checkpoint cannot be applied, and
/// deleting it again checks the chain and finishes the merge. Its own host (it is killed), in the shared collection so
/// that it does not run beside the others.
/// </summary>
[Collection(HvWebCollection.Name)]
public sealed class CheckpointCrashTests : IAsyncLifetime
{
    private const long MiB = 1L << 20;
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    private readonly HvWebHostFixture host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await OrphanProcesses.KillAsync(host.DataRoot);
    }

    [Fact]
    public async Task OfflineMerge_ConsoleKilled_JobAbortedChainCleanVmStartsWithItsData()
    {
        var name = VmFixtures.NewName("e2e-merge");
        var id = await VmFixtures.CreateTinyAsync(host, name, memoryMb: 128);
        try
        {
            // A bigger disk (the tiny guest's partitions stay as they are), a checkpoint, then 512 MB written after it.
            var baseDisk = await DiskAsync(id);
            await RunAsync("qemu-img", "resize", "-f", "qcow2", baseDisk, "640M");
            var take = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/checkpoints", new { name = "A" });
            await JobApi.SucceededAsync(host.Api, JobApi.Id(take), host.RecentLog);
            var overlay = await DiskAsync(id);
            Assert.NotEqual(baseDisk, overlay);
            await RunAsync("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 96M 512M", overlay);
            var tree = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/vms/{id}/checkpoints", UriKind.Relative));
            var cid = tree.GetProperty("roots")[0].GetProperty("id").GetGuid();
            var baseSize = new FileInfo(baseDisk).Length;

            // Delete A: an offline merge of the 512 MB into the base disk. Kill everything once qemu-img has written part of it.
            var delete = await JobApi.AcceptedAsync(await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{cid}", UriKind.Relative)), host.RecentLog);
            var merging = await WaitForPartialCommitAsync(baseDisk, baseSize);
            await host.KillAsync();
            var killed = await OrphanProcesses.KillAsync(host.DataRoot);
            Assert.True(merging, $"qemu-img commit was not caught while it ran (killed afterwards: {string.Join(", ", killed)}).");
            await host.StartAgainAsync();

            // The job says Aborted; every file of the chain is clean; the VM still runs from the old chain.
            var aborted = await JobApi.GetAsync(host.Api, JobApi.Id(delete));
            Assert.True(aborted.GetProperty("state").GetString() == "Aborted", $"{aborted}{Environment.NewLine}{host.RecentLog}");
            await AssertCleanAsync(baseDisk);
            await AssertCleanAsync(overlay);
            Assert.Equal(overlay, await DiskAsync(id));
            await AssertPatternAsync(overlay, 0x5a, "96M", "512M");

            // The checkpoint's files are partly merged: it is no longer the point in time it was.
            var apply = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/checkpoints/{cid}/apply", new { takeCheckpointFirst = false });
            var failed = await JobApi.WaitForEndAsync(host.Api, JobApi.Id(apply), hostLog: host.RecentLog);
            Assert.Equal("Failed", failed.GetProperty("state").GetString());
            Assert.Contains("was being deleted when the merge was interrupted", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

            // The guest boots from the chain and reads the data written after the checkpoint.
            var shell = SerialShell.For(host.DataRoot, await DefinitionAsync(name, id));
            var start = await JobApi.PostAsync(host.Api, $"/api/v1/vms/{id}/start");
            await JobApi.SucceededAsync(host.Api, JobApi.Id(start), host.RecentLog);
            await shell.WaitForShellAsync(Boot);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", 0, Boot);
            foreach (var mib in new[] { 100, 600 })
            {
                await shell.TypeAsync($"dd if=/dev/sda bs=1M skip={mib} count=1 2>/dev/null | od -A n -t x1 -N 4", "5a 5a 5a 5a");
            }
            using (await host.Api.PostAsync(new Uri($"/api/v1/vms/{id}/turn-off", UriKind.Relative), null))
            {
            }

            await WaitForStateAsync(id, "Off");

            // Deleting it again checks the chain (qemu-img check), then finishes the merge: the base disk is the VM's disk with the data, the differencing disk is gone.
            var again = await JobApi.AcceptedAsync(await host.Api.DeleteAsync(new Uri($"/api/v1/vms/{id}/checkpoints/{cid}", UriKind.Relative)), host.RecentLog);
            var finished = await JobApi.SucceededAsync(host.Api, JobApi.Id(again), host.RecentLog);
            Assert.Contains("Checking the disks of an interrupted merge", finished.GetProperty("log").ToString(), StringComparison.Ordinal);
            Assert.Equal(baseDisk, await DiskAsync(id));
            Assert.False(File.Exists(overlay), $"{overlay} is still there");
            await AssertCleanAsync(baseDisk);
            await AssertPatternAsync(baseDisk, 0x5a, "96M", "512M");
        }
        finally
        {
            await VmFixtures.RemoveAsync(host.Api, id);
        }
    }

    /// <summary>True once a qemu-img commit of this host runs and the base file has grown by 32 MB (the merge is under way, not done).</summary>
    private async Task<bool> WaitForPartialCommitAsync(string baseDisk, long baseSize)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var commit = OrphanProcesses.Using(host.DataRoot).Any(pid => CommandLine(pid).Contains("\0commit\0", StringComparison.Ordinal));
            if (commit && new FileInfo(baseDisk).Length > baseSize + (32 * MiB))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private async Task<string> DiskAsync(Guid id)
    {
        var vm = await VmFixtures.GetAsync(host.Api, id);
        return vm.GetProperty("drives").EnumerateArray().Select(d => d.GetProperty("path").GetString()).Single(p => p is not null && p.EndsWith(".qcow2", StringComparison.Ordinal))!;
    }

    private async Task<VmDefinition> DefinitionAsync(string name, Guid id)
    {
        var file = Path.Combine(host.DataRoot, VmPaths.ConfigFolderName, name, VmPaths.ConfigFolderName, $"{id:D}.json");
        return JsonSerializer.Deserialize<VmDefinition>(await File.ReadAllBytesAsync(file), VmJson.Options)!;
    }

    private async Task WaitForStateAsync(Guid id, string state)
    {
        var clock = Stopwatch.StartNew();
        while (await VmFixtures.StateAsync(host.Api, id) != state)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"VM is not {state}: {await VmFixtures.StateAsync(host.Api, id)}");
            await Task.Delay(200);
        }
    }

    private static async Task<ProcessResult> RunAsync(string program, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(3), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.StandardOutput}{result.StandardError}");
        return result;
    }

    private static async Task AssertCleanAsync(string file)
    {
        var check = await ProcessRunner.RunAsync("qemu-img", ["check", "-f", "qcow2", file], TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.True(check.ExitCode == 0 && check.StandardOutput.Contains("No errors were found", StringComparison.Ordinal), $"{file}: {check.StandardOutput}{check.StandardError}");
    }

    private static async Task AssertPatternAsync(string file, byte pattern, string offset, string length)
    {
        var read = await RunAsync("qemu-io", "-r", "-f", "qcow2", "-c", $"read -P 0x{pattern:x2} {offset} {length}", file);
        Assert.DoesNotContain("Pattern verification failed", read.StandardOutput, StringComparison.Ordinal);
    }
}
