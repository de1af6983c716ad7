using System.Security.Cryptography;
using System.Text.Json;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>
/// Export on real QEMU (TCG) with the tiny generation 1 guest, one cold boot: a cancelled live
/// export, a live export of the running VM with checkpoints A and B while data keeps being written
/// (the point in time; the guest agent freezes /data around it, so a file the guest has not synced
/// is in the export), crash-consistent exports of the Paused VM and of the running VM with the Backup
/// integration service off, then, Off, an export with the disks as VHDX and the export of a single
/// checkpoint, and the refusals (existing export, not writable, not enough space).
/// </summary>
public sealed class ExportTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);
    /// <summary>Inside the agent partition (49–61 MiB), which the guest reads only while it boots; the data partition (/data, 37–49 MiB) stays the guest's.</summary>
    private const long Bulk = 50L * 1024 * 1024;

    [Fact]
    public async Task Export_RunningVmWithCheckpoints_PointInTimeChainAndRefusals()
    {
        using var data = new TempFolder();
        using var exports = new TempFolder("hvweb-export-");
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var service = host.Services.GetRequiredService<ExportService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "exp", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        // Standard: the checkpoints carry memory (the tiny guest's agent would make them Production, disk only).
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.Standard });
        var baseDisk = Disk(manager, vm.Id);
        var events = host.Services.GetRequiredService<IEventLog>();
        var shell = SerialShell.For(data.Path, vm.Definition);
        var mounts = new List<string>();
        try
        {
            await manager.StartAsync(vm.Id);
            await shell.WaitForShellAsync(Boot);
            // The agent has unpacked itself from its partition (the bulk writes land there) and /data is mounted.
            await shell.Log.WaitForAsync("HVWEB-AGENT", 0, Boot);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", 0, Boot);
            await WaitAsync(() => manager.Get(vm.Id).Heartbeat == "OK", "the guest agent to answer");
            var pid = manager.Get(vm.Id).ProcessId;
            var qmp = await manager.RunCheckpointOperationAsync(vm.Id, "Testing", null, s => Task.FromResult(s.Qmp!));
            var offset = (await InfoAsync(baseDisk)).GetProperty("virtual-size").GetInt64() - (1024 * 1024);

            // A and B with distinguishable data; then Now's own data (a bulk area, so the live copy takes a while when slowed down).
            await WriteAsync(qmp, offset, 0x41, "64k");
            var a = await checkpoints.TakeAsync(vm.Id, "A");
            await WriteAsync(qmp, offset, 0x42, "64k");
            var b = await checkpoints.TakeAsync(vm.Id, "B");
            await WriteAsync(qmp, offset, 0x43, "64k");
            await WriteAsync(qmp, Bulk, 0x55, "8M");
            var top = Disk(manager, vm.Id);
            var definitionBefore = Json(manager.Get(vm.Id).Definition);
            var frozenBefore = Hashes([baseDisk, a.Disks[0].Path == baseDisk ? b.Disks[0].Path : a.Disks[0].Path, CheckpointStore.File(vm.Definition, a.Id), CheckpointStore.File(vm.Definition, b.Id), VmPaths.ConfigFile(vm.Definition)]);

            // Cancel mid-way: the export folder is gone, the VM still runs the same QEMU, QEMU has no job left.
            service.BackupSpeedLimit = 1024 * 1024;
            var cancelDestination = Path.Combine(exports.Path, "cancelled");
            using (var cancel = new CancellationTokenSource())
            {
                var progress = new RecordingProgress<OperationProgress>();
                var cancelled = service.ExportAsync(vm.Id, new ExportRequest(cancelDestination), progress, cancel.Token);
                await WaitAsync(() => progress.Reports.Any(p => p.Step.StartsWith("Copying the disks", StringComparison.Ordinal)), "the live copy to start");
                Assert.True(Directory.Exists(Path.Combine(cancelDestination, "exp", VmPaths.DisksFolderName)));
                Assert.True(File.Exists(Path.Combine(cancelDestination, "exp", ExportService.IncompleteMarker)));
                await cancel.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            }

            Assert.False(Directory.Exists(Path.Combine(cancelDestination, "exp")));
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            Assert.Equal(0, (await qmp.ExecuteAsync("query-jobs")).GetArrayLength());

            // The live export: data written after it started (0x44) is not in it, data before (0x43) is.
            service.BackupSpeedLimit = 2 * 1024 * 1024;
            var destination = Path.Combine(exports.Path, "live");
            var states = new List<VmState>();
            var liveProgress = new RecordingProgress<OperationProgress>();
            // Not synced by the guest: only the agent's freeze puts it on the disk before the point in time.
            await shell.TypeAsync("echo hvweb-moving > /data/moving.txt; echo WROTE-$((5+1))", "WROTE-6");
            var export = service.ExportAsync(vm.Id, new ExportRequest(destination), liveProgress, CancellationToken.None);
            await WaitAsync(() => liveProgress.Reports.Any(p => p.Step.StartsWith("Copying the disks", StringComparison.Ordinal)), "the live copy to start");
            await WriteAsync(qmp, offset, 0x44, "64k");
            await WriteAsync(qmp, Bulk, 0x66, "64k");
            Assert.False(export.IsCompleted, "The write should land while the export copies (slowed down to 2 MB/s).");
            while (!export.IsCompleted)
            {
                states.Add(manager.Get(vm.Id).State);
                await Task.WhenAny(export, Task.Delay(50));
            }

            var result = await export;
            // Thawed: the guest writes to /data again (a frozen file system would block this shell).
            await shell.TypeAsync("echo after > /data/after.txt; echo THAWED-$((6+1))", "THAWED-7");
            Assert.All(states, s => Assert.Equal(VmState.Running, s));
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.Equal(100, liveProgress.Reports[^1].Percent);

            // Hyper-V's three folders; the configuration and checkpoints with relative paths.
            var root = Path.Combine(destination, "exp");
            Assert.Equal(root, result.Folder);
            Assert.Equal(Path.Combine(root, VmPaths.ConfigFolderName, $"{vm.Id:D}.json"), result.ConfigFile);
            Assert.True(Directory.Exists(Path.Combine(root, VmPaths.ConfigFolderName, vm.Id.ToString("D"))));
            Assert.False(File.Exists(Path.Combine(root, ExportService.IncompleteMarker)));
            var config = VmConfigStore.Read(result.ConfigFile);
            Assert.Equal(".", config.Folder);
            Assert.Null(config.CheckpointFileLocation);
            Assert.Equal(b.Id, config.ParentCheckpointId);
            Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(top)}", config.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path);
            foreach (var checkpoint in new[] { a, b })
            {
                var record = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(Path.Combine(root, VmPaths.SnapshotsFolderName, $"{checkpoint.Id:D}.json")), VmJson.Options)!;
                Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(checkpoint.Disks[0].Path)}", record.Disks[0].Path);
                Assert.Equal($"Snapshots/{checkpoint.Id:D}.vmstate", record.SavedStateFile);
                Assert.Equal(".", record.Settings.Folder);
                Assert.Equal(record.Disks[0].Path, record.Settings.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path);
                Assert.Equal(new FileInfo(checkpoint.SavedStateFile!).Length, new FileInfo(Path.Combine(root, record.SavedStateFile!)).Length);
            }

            // The chain with relative backing names, clean, and each layer's content equal to the source's as of its checkpoint.
            var disks = Path.Combine(root, VmPaths.DisksFolderName);
            Assert.Equal(3, Directory.GetFiles(disks).Length);
            foreach (var file in Directory.GetFiles(disks))
            {
                await RunAsync("qemu-img", ["check", "-q", file]);
                var info = await InfoAsync(file);
                if (info.TryGetProperty("backing-filename", out var backing))
                {
                    Assert.DoesNotContain('/', backing.GetString()!);
                    Assert.True(File.Exists(Path.Combine(disks, backing.GetString()!)));
                }
            }

            Assert.Null((await InfoAsync(Path.Combine(disks, Path.GetFileName(baseDisk)))).TryGetProperty("backing-filename", out var none) ? none.GetString() : null);
            foreach (var frozen in new[] { a.Disks[0].Path, b.Disks[0].Path })
            {
                await RunAsync("qemu-img", ["compare", "-U", Path.Combine(disks, Path.GetFileName(frozen)), frozen]);
            }

            var exportedTop = Path.Combine(disks, Path.GetFileName(top));
            await AssertPatternAsync(exportedTop, offset, 0x43, "64k");
            await AssertPatternAsync(exportedTop, Bulk, 0x55, "8M");
            Assert.Contains(liveProgress.Reports, p => p.Step == "Took the point in time of the disks: the guest's file systems were frozen (1)");
            Assert.Contains(await events.QueryAsync(new EventQuery { VmId = vm.Id }), e => e.Message.Contains("took its point in time of the disks (the guest's file systems were frozen (1))", StringComparison.Ordinal));
            Assert.Equal("hvweb-moving", (await ReadDataFileAsync(exportedTop, "/moving.txt", exports.Path)).Trim());
            await AssertPatternAsync(exportedTop, offset - (1024 * 1024), 0x00, "64k");

            // Nothing changed on the source: definition, configuration, checkpoint records and frozen files; the VM has the new data.
            Assert.Equal(definitionBefore, Json(manager.Get(vm.Id).Definition));
            Assert.Equal(frozenBefore, Hashes([baseDisk, a.Disks[0].Path == baseDisk ? b.Disks[0].Path : a.Disks[0].Path, CheckpointStore.File(vm.Definition, a.Id), CheckpointStore.File(vm.Definition, b.Id), VmPaths.ConfigFile(vm.Definition)]));
            // Paused: the same point-in-time copy; the VM stays Paused. Saved: copies, with the saved state.
            service.BackupSpeedLimit = 0;
            await manager.PauseAsync(vm.Id);
            var pausedProgress = new RecordingProgress<OperationProgress>();
            var paused = await service.ExportAsync(vm.Id, new ExportRequest(Path.Combine(exports.Path, "paused")), pausedProgress, CancellationToken.None);
            Assert.Equal(VmState.Paused, manager.Get(vm.Id).State);
            Assert.Contains(pausedProgress.Reports, p => p.Step == "Took the point in time of the disks: crash-consistent: the VM is paused (its guest agent cannot freeze the file systems)");
            Assert.Contains(await events.QueryAsync(new EventQuery { VmId = vm.Id }), e => e.Message.Contains("(crash-consistent: the VM is paused", StringComparison.Ordinal));
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            await AssertPatternAsync(Path.Combine(paused.Folder, VmPaths.DisksFolderName, Path.GetFileName(top)), offset, 0x44, "64k");
            Assert.False(File.Exists(Path.Combine(paused.Folder, VmPaths.ConfigFolderName, vm.Id.ToString("D"), $"{vm.Id:D}.vmstate")));
            await manager.ResumeAsync(vm.Id);
            // Running with the Backup integration service off: crash-consistent, and the export says why.
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { IntegrationServices = new IntegrationServices { Backup = false } });
            var noBackupProgress = new RecordingProgress<OperationProgress>();
            await service.ExportAsync(vm.Id, new ExportRequest(Path.Combine(exports.Path, "no-backup")), noBackupProgress, CancellationToken.None);
            Assert.Contains(noBackupProgress.Reports, p => p.Step == "Took the point in time of the disks: crash-consistent: the Backup (volume checkpoint) integration service is off");
            await manager.SaveAsync(vm.Id);
            var saved = await service.ExportAsync(vm.Id, new ExportRequest(Path.Combine(exports.Path, "saved")), new RecordingProgress<OperationProgress>(), CancellationToken.None);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
            Assert.Equal(new FileInfo(VmPaths.SavedStateFile(vm.Definition)).Length,
                new FileInfo(Path.Combine(saved.Folder, VmPaths.ConfigFolderName, vm.Id.ToString("D"), $"{vm.Id:D}.vmstate")).Length);
            await AssertPatternAsync(Path.Combine(saved.Folder, VmPaths.DisksFolderName, Path.GetFileName(top)), offset, 0x44, "64k");
            await manager.StartAsync(vm.Id);
            await manager.TurnOffAsync(vm.Id);
            await AssertPatternAsync(top, offset, 0x44, "64k");

            // Off, disks as VHDX: one flattened .vhdx equal to the source's chain, no checkpoints.
            var vhdxDestination = Path.Combine(exports.Path, "vhdx");
            var vhdx = await service.ExportAsync(vm.Id, new ExportRequest(vhdxDestination, DisksAsVhdx: true), new RecordingProgress<OperationProgress>(), CancellationToken.None);
            var vhdxFile = Assert.Single(Directory.GetFiles(Path.Combine(vhdx.Folder, VmPaths.DisksFolderName)));
            Assert.EndsWith(".vhdx", vhdxFile, StringComparison.Ordinal);
            Assert.Equal("vhdx", (await InfoAsync(vhdxFile)).GetProperty("format").GetString());
            await RunAsync("qemu-img", ["compare", "-f", "vhdx", "-F", "qcow2", vhdxFile, top]);
            Assert.Empty(Directory.GetFiles(Path.Combine(vhdx.Folder, VmPaths.SnapshotsFolderName)));
            var vhdxConfig = VmConfigStore.Read(vhdx.ConfigFile);
            Assert.Null(vhdxConfig.ParentCheckpointId);
            Assert.Equal($"Virtual Hard Disks/{Path.GetFileName(vhdxFile)}", vhdxConfig.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path);

            // A single checkpoint (A) as a VM of its own: its disk chain, its memory as the saved state, no checkpoints.
            var single = await service.ExportAsync(vm.Id, new ExportRequest(Path.Combine(exports.Path, "checkpoint"), CheckpointId: a.Id), new RecordingProgress<OperationProgress>(), CancellationToken.None);
            var singleConfig = VmConfigStore.Read(single.ConfigFile);
            Assert.Equal(vm.Id, singleConfig.Id);
            Assert.Equal("exp", singleConfig.Name);
            Assert.Null(singleConfig.ParentCheckpointId);
            var singleDisk = Path.Combine(single.Folder, singleConfig.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!);
            await RunAsync("qemu-img", ["compare", singleDisk, a.Disks[0].Path]);
            await AssertPatternAsync(singleDisk, offset, 0x41, "64k");
            Assert.True(File.Exists(Path.Combine(single.Folder, VmPaths.ConfigFolderName, vm.Id.ToString("D"), $"{vm.Id:D}.vmstate")));
            Assert.Empty(Directory.GetFiles(Path.Combine(single.Folder, VmPaths.SnapshotsFolderName)));

            // Refusals before anything is written.
            var again = service.CheckExport(vm.Id, new ExportRequest(destination));
            Assert.Contains("already holds an export of this VM", again["destinationFolder"][0], StringComparison.Ordinal);
            await Assert.ThrowsAsync<VmValidationException>(() => service.ValidateExportAsync(vm.Id, new ExportRequest(destination), CancellationToken.None));
            var aFile = Path.Combine(exports.Path, "a-file");
            await File.WriteAllTextAsync(aFile, "not a folder");
            Assert.Contains("is a file, not a folder", service.CheckExport(vm.Id, new ExportRequest(Path.Combine(aFile, "sub")))["destinationFolder"][0], StringComparison.Ordinal);

            var readOnly = Path.Combine(exports.Path, "read-only");
            var small = Path.Combine(exports.Path, "small");
            Directory.CreateDirectory(readOnly);
            Directory.CreateDirectory(small);
            await RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", readOnly]);
            mounts.Add(readOnly);
            await RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", small]);
            mounts.Add(small);
            Assert.Contains("not writable", service.CheckExport(vm.Id, new ExportRequest(readOnly))["destinationFolder"][0], StringComparison.Ordinal);
            Assert.Contains("not writable", service.CheckExport(vm.Id, new ExportRequest(Path.Combine(readOnly, "sub")))["destinationFolder"][0], StringComparison.Ordinal);
            Assert.Empty(service.CheckExport(vm.Id, new ExportRequest(small)));
            var space = await Assert.ThrowsAsync<VmStateException>(() => service.ValidateExportAsync(vm.Id, new ExportRequest(small), CancellationToken.None));
            Assert.Contains("Not enough free space", space.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<VmStateException>(() => service.ExportAsync(vm.Id, new ExportRequest(small), new RecordingProgress<OperationProgress>(), CancellationToken.None));
            Assert.Empty(Directory.GetFileSystemEntries(small));
        }
        finally
        {
            foreach (var mount in mounts)
            {
                await ProcessRunner.RunAsync("umount", [mount], TimeSpan.FromSeconds(30), CancellationToken.None);
            }

            if (manager.Get(vm.Id).State is VmState.Running or VmState.Paused)
            {
                await manager.TurnOffAsync(vm.Id);
            }
        }
    }

    private static string Disk(VmManager manager, Guid id) => manager.Get(id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;

    private static string Json(VmDefinition definition) => JsonSerializer.Serialize(definition, VmJson.Options);

    private static List<string> Hashes(IEnumerable<string> files) => [.. files.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];

    /// <summary>Writes through QEMU's block layer on the guest's IDE disk (the same path as the guest's own writes).</summary>
    private static async Task WriteAsync(QmpClient qmp, long offset, byte pattern, string length)
    {
        var reply = await qmp.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = $"qemu-io -d ide0-0 \"write -P 0x{pattern:x2} {offset} {length}\"" });
        Assert.DoesNotContain("fail", reply.GetString() ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>A file of the guest's /data in an exported disk: the MBR's second partition (ext2) read by debugfs from a raw copy.</summary>
    private static async Task<string> ReadDataFileAsync(string disk, string file, string scratch)
    {
        var raw = Path.Combine(scratch, "disk.raw");
        var partition = Path.Combine(scratch, "data.raw");
        await RunAsync("qemu-img", ["convert", "-U", "-O", "raw", disk, raw]);
        var bytes = await File.ReadAllBytesAsync(raw);
        var start = BitConverter.ToUInt32(bytes, 446 + 16 + 8) * 512L;
        var length = BitConverter.ToUInt32(bytes, 446 + 16 + 12) * 512L;
        await File.WriteAllBytesAsync(partition, bytes.AsSpan((int)start, (int)length).ToArray());
        var content = await RunAsync("/usr/sbin/debugfs", ["-R", $"cat {file}", partition]);
        File.Delete(raw);
        File.Delete(partition);
        return content;
    }

    private static async Task<JsonElement> InfoAsync(string file)
    {
        var output = await RunAsync("qemu-img", ["info", "-U", "--output=json", file]);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.StandardOutput}{result.StandardError}");
        return result.StandardOutput;
    }

    private static async Task AssertPatternAsync(string disk, long offset, byte pattern, string length)
    {
        var result = await ProcessRunner.RunAsync("qemu-io", ["-r", "-U", "-c", $"read -P 0x{pattern:x2} {offset} {length}", disk], TimeSpan.FromSeconds(60), CancellationToken.None);
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0 && output.Contains("read ", StringComparison.Ordinal) && !output.Contains("fail", StringComparison.OrdinalIgnoreCase),
            $"{disk} at {offset}: expected 0x{pattern:x2}: {output}");
    }
}
