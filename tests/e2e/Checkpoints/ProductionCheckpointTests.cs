using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Checkpoints;

/// <summary>
/// Production checkpoints of a running tiny guest on real QEMU (TCG) with the QEMU guest agent
/// answering: the agent freezes the guest's data partition (ext2 on /data), the disks are
/// snapshotted, the agent thaws it; applying such a checkpoint leaves the VM Off with the disk as
/// the guest's file system was at the checkpoint (a file written just before it, never synced by
/// the guest, is there; what came after is gone). The fallback rule with the real guest: the Backup
/// integration service off, then the agent stopped in the guest: Production falls back to Standard
/// and Production only is refused. One cold boot and one start after the apply.
/// </summary>
public sealed class ProductionCheckpointTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ProductionCheckpoint_RunningGuestWithAgent_FreezesThawsAndAppliesDiskConsistentOff()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var events = host.Services.GetRequiredService<IEventLog>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "prod", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        Assert.Equal(CheckpointType.Production, vm.Definition.CheckpointType);
        var shell = SerialShell.For(data.Path, vm.Definition);
        try
        {
            await manager.StartAsync(vm.Id);
            await shell.WaitForShellAsync(Boot);
            await shell.Log.WaitForAsync("HVWEB-AGENT", 0, Boot);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", 0, Boot);

            // The Heartbeat integration service now has a guest agent to talk to.
            await WaitForAsync(() => manager.Get(vm.Id).Heartbeat == "OK", TimeSpan.FromSeconds(60), () => $"heartbeat '{manager.Get(vm.Id).Heartbeat}'");

            // A file the guest has not synced: only the freeze puts it on the disk before the snapshot.
            await shell.TypeAsync("echo before-1 > /data/m1; echo WROTE-$((1+1))", "WROTE-2");
            var steps = new RecordingProgress<OperationProgress>();
            var p1 = await checkpoints.TakeAsync(vm.Id, "P1", steps);
            Assert.Equal(CheckpointKind.Production, p1.Type);
            Assert.Null(p1.SavedStateFile);
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.Contains(steps.Reports, r => r.Step.StartsWith("Freezing the guest's file systems", StringComparison.Ordinal));
            Assert.Contains(steps.Reports, r => r.Step == "The guest agent froze 1 file system(s)");
            Assert.Contains(steps.Reports, r => r.Step.StartsWith("Thawing the guest's file systems", StringComparison.Ordinal));
            var created = await events.QueryAsync(new EventQuery { VmId = vm.Id });
            Assert.Contains(created, e => e.Message.Contains("'P1' (Production)", StringComparison.Ordinal) && e.Message.Contains("froze the guest's file systems (1)", StringComparison.Ordinal));

            // Thawed: the guest writes to /data again (a frozen file system would block this shell).
            await shell.TypeAsync("echo after > /data/m2; echo changed > /data/m1; sync; echo SYNCED-$((2+1))", "SYNCED-3");

            // Production only: the same, with the agent answering.
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.ProductionOnly });
            var p2 = await checkpoints.TakeAsync(vm.Id, "P2");
            Assert.Equal(CheckpointKind.Production, p2.Type);

            // The Backup integration service off: Production falls back to Standard (memory included), Production only is refused.
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { IntegrationServices = new IntegrationServices { Backup = false } });
            var refused = await Assert.ThrowsAsync<VmStateException>(() => checkpoints.TakeAsync(vm.Id, "refused"));
            Assert.Equal("Production checkpoints cannot be created for 'prod': the Backup (volume checkpoint) integration service is off.", refused.Message);
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.Production });
            var noBackup = await checkpoints.TakeAsync(vm.Id, "no backup");
            Assert.Equal(CheckpointKind.Standard, noBackup.Type);
            Assert.True(File.Exists(noBackup.SavedStateFile));

            // The agent stopped in the guest (Backup on again): it does not answer; the heartbeat loses it.
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { IntegrationServices = new IntegrationServices() });
            await shell.TypeAsync("kill $(cat /run/qemu-ga.pid); echo KILLED-$((3+1))", "KILLED-4");
            var fallbackSteps = new RecordingProgress<OperationProgress>();
            var noAgent = await checkpoints.TakeAsync(vm.Id, "no agent", fallbackSteps);
            Assert.Equal(CheckpointKind.Standard, noAgent.Type);
            Assert.Contains(fallbackSteps.Reports, r => r.Step == "Taking a Standard checkpoint instead of a Production checkpoint: the guest agent did not answer");
            var warnings = await events.QueryAsync(new EventQuery { VmId = vm.Id, MinimumLevel = EventLevel.Warning });
            Assert.Contains(warnings, e => e.Message.Contains("could not be created: the guest agent did not answer. A Standard checkpoint was taken instead.", StringComparison.Ordinal));
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.ProductionOnly });
            refused = await Assert.ThrowsAsync<VmStateException>(() => checkpoints.TakeAsync(vm.Id, "refused"));
            Assert.Equal("Production checkpoints cannot be created for 'prod': the guest agent did not answer.", refused.Message);
            await WaitForAsync(() => manager.Get(vm.Id).Heartbeat == "Lost Communication", TimeSpan.FromSeconds(60), () => $"heartbeat '{manager.Get(vm.Id).Heartbeat}'");

            // Apply P1: the VM is turned off and stays Off (no memory); its disk is the file system as frozen at P1.
            await checkpoints.ApplyAsync(vm.Id, p1.Id, takeCheckpointFirst: false);
            Assert.Equal(VmState.Off, manager.Get(vm.Id).State);
            Assert.Equal(p1.Id, checkpoints.GetTree(vm.Id).NowParentId);
            var from = shell.Log.Length;
            await manager.StartAsync(vm.Id);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", from, Boot);
            await shell.WaitForShellAsync(Boot);
            await shell.TypeAsync("cat /data/m1", "before-1");
            var m2 = await shell.TypeAsync("test -e /data/m2 && echo M2-$((4+1))-THERE || echo M2-$((4+1))-GONE", ["M2-5-THERE", "M2-5-GONE"]);
            Assert.Equal("M2-5-GONE", m2);
        }
        finally
        {
            // The engine leaves running VMs running when the host stops: a failed step must not leave QEMU behind.
            if (manager.Get(vm.Id).State is VmState.Running or VmState.Paused)
            {
                await manager.TurnOffAsync(vm.Id);
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds} s: {describe()}");
            }

            await Task.Delay(200);
        }
    }
}
