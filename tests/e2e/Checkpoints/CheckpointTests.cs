using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Checkpoints;

/// <summary>
/// Checkpoints of a tiny generation 1 guest on real QEMU (TCG): a shell variable in the guest
/// (its memory, through the serial shell) and a byte pattern on its disk (written through QEMU's
/// own block layer with HMP <c>qemu-io</c>, so the guest's view and the chain are what is tested)
/// between checkpoints A, B and C; a live merge of B; apply, take-and-apply, rename, revert and
/// delete subtree. One cold boot; the other starts resume saved memory. Every integration service
/// is off, so the VM has no guest agent channel: Production falls back to Standard on the running
/// VM (the checkpoints with an agent are in <see cref="ProductionCheckpointTests"/>).
/// </summary>
public sealed class CheckpointTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Checkpoints_TakeMergeApplyRevert_TinyGuestGetsMemoryAndDiskBack()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var vm = await manager.CreateAsync(new VmCreateRequest
        {
            Name = "ckpt",
            Generation = VmGeneration.One,
            MemoryStartupMb = 128,
            CopyDiskFrom = GuestImages.TinyBios,
        });
        var none = new IntegrationServices { OperatingSystemShutdown = false, TimeSynchronization = false, DataExchange = false, Heartbeat = false, Backup = false, GuestServices = false };
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest { IntegrationServices = none });
        var baseDisk = vm.Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;
        var shell = SerialShell.For(data.Path, vm.Definition);
        var serial = shell.Log;
        try
        {
            // An Off VM: Production (the default) is a disk-only checkpoint; the disk gets a differencing disk named after it.
            var off = await checkpoints.TakeAsync(vm.Id, "off");
            Assert.Equal(CheckpointKind.Production, off.Type);
            Assert.Equal(baseDisk, off.Disks.Single().Path);
            Assert.Equal(CheckpointNames.Overlay(baseDisk, off.Id), Disk(manager, vm.Id));
            Assert.True(File.Exists(Disk(manager, vm.Id)));

            await manager.StartAsync(vm.Id);
            await serial.WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
            var offset = await PatternOffsetAsync(baseDisk);

            // A, B, C on the running VM: no guest agent channel, so Production falls back to Standard (with memory).
            async Task<Checkpoint> StepAsync(string value, byte pattern, string name)
            {
                await shell.TypeAsync($"V={value}", value);
                await HmpAsync(manager, vm.Id, $"qemu-io -d ide0-0 \"write -P 0x{pattern:x2} {offset} 64k\"");
                var checkpoint = await checkpoints.TakeAsync(vm.Id, name);
                Assert.Equal(CheckpointKind.Standard, checkpoint.Type);
                Assert.True(File.Exists(checkpoint.SavedStateFile));
                Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
                return checkpoint;
            }

            var a = await StepAsync("alpha", 0x41, "A");
            var b = await StepAsync("beta", 0x42, "B");
            var c = await StepAsync("gamma", 0x43, "C");
            await HmpAsync(manager, vm.Id, $"qemu-io -d ide0-0 \"write -P 0x44 {offset} 64k\"");

            // A Paused VM: two Standard checkpoints in a row (the second needs the disks active again), still Paused after each.
            await manager.PauseAsync(vm.Id);
            var p1 = await checkpoints.TakeAsync(vm.Id, "paused 1");
            Assert.Equal(VmState.Paused, manager.Get(vm.Id).State);
            var p2 = await checkpoints.TakeAsync(vm.Id, "paused 2");
            Assert.Equal(CheckpointKind.Standard, p2.Type);
            Assert.Equal(VmState.Paused, manager.Get(vm.Id).State);
            await manager.ResumeAsync(vm.Id);

            var tree = checkpoints.GetTree(vm.Id);
            Assert.Equal(p2.Id, tree.NowParentId);
            Assert.Equal([off.Id, a.Id, b.Id, c.Id, p1.Id, p2.Id], Chain(tree, p2.Id));

            // Delete B (middle of the chain) while the VM runs: a live merge; C now hangs under A and the guest still sees its data.
            var preview = await checkpoints.PreviewDeleteAsync(vm.Id, b.Id, subtree: false);
            Assert.Null(preview.Refusal);
            var merge = new RecordingProgress<OperationProgress>();
            await checkpoints.DeleteAsync(vm.Id, b.Id, subtree: false, merge);
            tree = checkpoints.GetTree(vm.Id);
            Assert.Null(tree.Find(b.Id));
            Assert.Equal(a.Id, tree.Get(c.Id).ParentId);
            Assert.False(File.Exists(b.SavedStateFile));
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.Contains(merge.Reports, p => p.Step.StartsWith("Merging", StringComparison.Ordinal));
            await manager.SaveAsync(vm.Id);
            await AssertPatternAsync(manager, vm.Id, offset, 0x44);

            // Apply A: the VM is turned off and takes A's memory as its saved state; Start resumes it.
            await checkpoints.ApplyAsync(vm.Id, a.Id, takeCheckpointFirst: false);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
            Assert.Equal(a.Id, checkpoints.GetTree(vm.Id).NowParentId);
            await AssertPatternAsync(manager, vm.Id, offset, 0x41);
            await manager.StartAsync(vm.Id);
            await shell.TypeAsync("echo V-IS-$V", "V-IS-alpha");

            // Take Checkpoint and Apply C: "Now" is kept as a new checkpoint under A (a new branch), then C comes back with B's merge in it.
            await checkpoints.ApplyAsync(vm.Id, c.Id, takeCheckpointFirst: true);
            tree = checkpoints.GetTree(vm.Id);
            var branch = Assert.Single(tree.ChildrenOf(a.Id), x => x.Id != c.Id);
            Assert.StartsWith("ckpt - (", branch.Name, StringComparison.Ordinal);
            Assert.Equal(c.Id, tree.NowParentId);
            await AssertPatternAsync(manager, vm.Id, offset, 0x43);
            await manager.StartAsync(vm.Id);
            await shell.TypeAsync("echo V-IS-$V", "V-IS-gamma");

            // Rename; Revert (back to C's state, discarding what changed since).
            await checkpoints.RenameAsync(vm.Id, c.Id, "C renamed");
            Assert.Equal("C renamed", checkpoints.GetTree(vm.Id).Get(c.Id).Name);
            await shell.TypeAsync("V=delta; echo V-IS-$V", "V-IS-delta");
            await checkpoints.RevertAsync(vm.Id);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
            await AssertPatternAsync(manager, vm.Id, offset, 0x43);

            // A checkpoint of the Saved VM: Production falls back to Standard, with a copy of the saved state; the VM stays Saved.
            var ofSaved = await checkpoints.TakeAsync(vm.Id, "saved");
            Assert.Equal(CheckpointKind.Standard, ofSaved.Type);
            Assert.True(File.Exists(ofSaved.SavedStateFile));
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
            Assert.Equal(c.Id, ofSaved.ParentId);

            // Delete the subtree under "off": everything merges into "Now"; the saved state still resumes with C's memory and disk.
            await checkpoints.DeleteAsync(vm.Id, a.Id, subtree: true);
            tree = checkpoints.GetTree(vm.Id);
            Assert.Equal([off.Id], tree.Roots.Select(r => r.Checkpoint.Id));
            Assert.Equal(off.Id, tree.NowParentId);
            await AssertPatternAsync(manager, vm.Id, offset, 0x43);
            await manager.StartAsync(vm.Id);
            await shell.TypeAsync("echo V-IS-$V", "V-IS-gamma");
            await manager.TurnOffAsync(vm.Id);

            // Delete the last one with the VM off: the base disk gets everything back and is the VM's disk again.
            await checkpoints.DeleteAsync(vm.Id, off.Id, subtree: false);
            Assert.Equal(0, checkpoints.GetTree(vm.Id).Count);
            Assert.Equal(baseDisk, Disk(manager, vm.Id));
            await AssertPatternAsync(manager, vm.Id, offset, 0x43);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(baseDisk)!));
            Assert.Empty(Directory.GetFiles(Path.Combine(vm.Definition.Folder, VmPaths.SnapshotsFolderName)));
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

    private static string Disk(VmManager manager, Guid id) => manager.Get(id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;

    private static List<Guid> Chain(CheckpointTree tree, Guid id)
    {
        var chain = new List<Guid>();
        for (Guid? current = id; current is { } c; current = tree.Get(c).ParentId)
        {
            chain.Insert(0, c);
        }

        return chain;
    }

    /// <summary>A 64 KiB area 1 MiB before the end of the disk (the guest runs from its initramfs and never reads there).</summary>
    private static async Task<long> PatternOffsetAsync(string disk)
    {
        var info = await ProcessRunner.RunAsync("qemu-img", ["info", "-U", "--output=json", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        using var json = System.Text.Json.JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.GetProperty("virtual-size").GetInt64() - (1024 * 1024);
    }

    private static Task<string> HmpAsync(VmManager manager, Guid id, string command) =>
        manager.RunCheckpointOperationAsync(id, "Testing", null, async s =>
        {
            var reply = await s.Qmp!.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = command });
            return reply.GetString() ?? "";
        });

    /// <summary>Reads the VM's disk chain (the VM is Off or Saved) with qemu-io and checks the pattern.</summary>
    private static async Task AssertPatternAsync(VmManager manager, Guid id, long offset, byte pattern)
    {
        var disk = Disk(manager, id);
        var result = await ProcessRunner.RunAsync("qemu-io", ["-r", "-f", "qcow2", "-c", $"read -P 0x{pattern:x2} {offset} 64k", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0 && output.Contains("read 65536/65536", StringComparison.Ordinal) && !output.Contains("fail", StringComparison.OrdinalIgnoreCase),
            $"{disk} at {offset}: expected 0x{pattern:x2}: {output}");
    }
}
