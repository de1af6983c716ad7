using System.Text.Json;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>
/// Import Virtual Machine on real QEMU (TCG) with a tiny generation 1 guest: its disk gets a byte
/// pattern per checkpoint (written through QEMU's block layer with HMP qemu-io, as the checkpoint
/// tests do), the export folder is written by the export service (a live export of the running
/// VM where the scenario allows), and the imports are checked on their files, their checkpoint
/// trees and by booting them.
/// </summary>
public sealed class ImportTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Import_CopyTwiceRestoreAndRegisterInPlace_NewIdsBootWithTheirCheckpoints()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var imports = host.Services.GetRequiredService<IImportService>();
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "imp", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        try
        {
            // The source: two Standard checkpoints (memory too: their state files are imported) with different data on the disk, and different data in "Now".
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.Standard });
            await manager.StartAsync(vm.Id);
            await new SerialLog(VmPaths.SerialLogFile(vm.Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
            var offset = await PatternOffsetAsync(Disk(manager, vm.Id));
            await HmpAsync(manager, vm.Id, $"qemu-io -d ide0-0 \"write -P 0x41 {offset} 64k\"");
            var a = await checkpoints.TakeAsync(vm.Id, "A");
            await HmpAsync(manager, vm.Id, $"qemu-io -d ide0-0 \"write -P 0x42 {offset} 64k\"");
            var b = await checkpoints.TakeAsync(vm.Id, "B");
            await HmpAsync(manager, vm.Id, $"qemu-io -d ide0-0 \"write -P 0x43 {offset} 64k\"");

            // A live export of the running VM (it keeps running), then the source is turned off.
            var export = Path.Combine(data.Path, "export");
            var exported = await host.Services.GetRequiredService<IExportService>().ExportAsync(vm.Id, new ExportRequest(export), new RecordingProgress<OperationProgress>(), default);
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            var config = exported.ConfigFile;
            await manager.TurnOffAsync(vm.Id);
            var source = manager.Get(vm.Id).Definition;

            // Locate Folder: the export folder, the VM folder and its "Virtual Machines" folder all find it.
            var candidate = Assert.Single(imports.Locate(export));
            Assert.Equal((config, vm.Id, "imp", "1", 2), (candidate.ConfigFile, candidate.Id, candidate.Name, candidate.Generation, candidate.Checkpoints));
            Assert.Equal(vm.Id, Assert.Single(imports.Locate(Path.Combine(export, "imp"))).Id);
            Assert.Equal(vm.Id, Assert.Single(imports.Locate(Path.Combine(export, "imp", VmPaths.ConfigFolderName))).Id);

            // Register in place and Restore are refused while the original is registered.
            foreach (var type in new[] { ImportType.RegisterInPlace, ImportType.Restore })
            {
                var refused = await imports.CompareAsync(new ImportRequest(config, type, VirtualMachineFolder: Path.Combine(data.Path, "restore")), default);
                Assert.False(refused.CanImport);
                var inUse = Assert.Single(refused.FixUps);
                Assert.Equal(ImportFixUpKind.IdInUse, inUse.Kind);
                Assert.Equal($"A virtual machine with ID {vm.Id:D} ('imp') is already registered on this host. Choose Copy to import it with a new ID, or delete the other VM first.", inUse.Message);
            }

            await Assert.ThrowsAsync<VmStateException>(() => imports.ImportAsync(new ImportRequest(config, ImportType.RegisterInPlace), new RecordingProgress<OperationProgress>(), default));

            // Copy twice: new IDs, files in their folders, the checkpoint tree, new adapter IDs and no dynamic MAC yet.
            var progress = new RecordingProgress<OperationProgress>();
            var copy1 = await imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: Path.Combine(data.Path, "copy1")), progress, default);
            Assert.Contains(progress.Reports, p => p.Step.StartsWith("Copying", StringComparison.Ordinal));
            Assert.Equal(100, progress.Reports[^1].Percent);
            var again = await imports.CompareAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: Path.Combine(data.Path, "copy1")), default);
            Assert.Contains(again.FixUps, f => f.Kind == ImportFixUpKind.Blocked && f.Message.Contains("already", StringComparison.Ordinal));
            var copy2 = await imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: Path.Combine(data.Path, "copy2")), progress, default);
            Assert.Equal(3, new[] { vm.Id, copy1.Id, copy2.Id }.Distinct().Count());
            foreach (var (copy, root) in new[] { (copy1, "copy1"), (copy2, "copy2") })
            {
                Assert.Equal(("imp", VmState.Off), (copy.Name, copy.State));
                Assert.StartsWith(Path.Combine(data.Path, root, "imp"), Disk(manager, copy.Id), StringComparison.Ordinal);
                var adapter = Assert.Single(copy.Definition.NetworkAdapters);
                Assert.NotEqual(source.NetworkAdapters[0].Id, adapter.Id);
                Assert.NotNull(source.NetworkAdapters[0].MacAddress);
                Assert.Null(adapter.MacAddress);
                var tree = checkpoints.GetTree(copy.Id);
                Assert.Equal((2, b.Id), (tree.Count, tree.NowParentId));
                Assert.All([tree.Get(a.Id), tree.Get(b.Id)], c => Assert.True(File.Exists(c.SavedStateFile) && c.SavedStateFile!.StartsWith(Path.Combine(data.Path, root), StringComparison.Ordinal)));
                await AssertPatternAsync(Disk(manager, copy.Id), offset, 0x43);
            }

            // Both boot.
            foreach (var copy in new[] { copy1, copy2 })
            {
                await manager.StartAsync(copy.Id);
                await new SerialLog(VmPaths.SerialLogFile(manager.Get(copy.Id).Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
                Assert.NotNull(manager.Get(copy.Id).Definition.NetworkAdapters[0].MacAddress);
                await manager.TurnOffAsync(copy.Id);
            }

            // Applying A in one copy gives A's data (and memory: Saved); the other copy and the source are untouched.
            await checkpoints.ApplyAsync(copy2.Id, a.Id, takeCheckpointFirst: false);
            Assert.Equal(VmState.Saved, manager.Get(copy2.Id).State);
            await AssertPatternAsync(Disk(manager, copy2.Id), offset, 0x41);
            await AssertPatternAsync(Disk(manager, copy1.Id), offset, 0x43);
            await AssertPatternAsync(Disk(manager, vm.Id), offset, 0x43);

            // Restore (same ID) into another folder once the original is deleted (its files are kept).
            await manager.DeleteAsync(vm.Id, deleteDisks: false);
            var restored = await imports.ImportAsync(new ImportRequest(config, ImportType.Restore, VirtualMachineFolder: Path.Combine(data.Path, "restore")), progress, default);
            Assert.Equal(vm.Id, restored.Id);
            Assert.StartsWith(Path.Combine(data.Path, "restore", "imp"), Disk(manager, vm.Id), StringComparison.Ordinal);
            Assert.Equal(2, checkpoints.GetTree(vm.Id).Count);
            await AssertPatternAsync(Disk(manager, vm.Id), offset, 0x43);

            // Register in place: refused while the restored VM holds the ID, accepted once it is deleted.
            var inPlace = new ImportRequest(config, ImportType.RegisterInPlace);
            Assert.Contains((await imports.CompareAsync(inPlace, default)).FixUps, f => f.Kind == ImportFixUpKind.IdInUse);
            await manager.DeleteAsync(vm.Id, deleteDisks: false);
            var registered = await imports.ImportAsync(inPlace, progress, default);
            Assert.Equal((vm.Id, Path.Combine(export, "imp")), (registered.Id, registered.Definition.Folder));
            Assert.StartsWith(Path.Combine(export, "imp", VmPaths.DisksFolderName), Disk(manager, vm.Id), StringComparison.Ordinal);
            Assert.Equal(Disk(manager, vm.Id), ReadConfig(config).Drives.Single(d => d.Kind == DriveKind.HardDisk).Path);
            Assert.Equal(2, checkpoints.GetTree(vm.Id).Count);
            await checkpoints.ApplyAsync(vm.Id, b.Id, takeCheckpointFirst: false);
            await AssertPatternAsync(Disk(manager, vm.Id), offset, 0x42);
        }
        finally
        {
            await TurnOffAllAsync(manager);
        }
    }

    [Fact]
    public async Task Import_MissingSwitchAndMovedDisk_FixUpsResolvedThenImported_CancelLeavesNothing()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var imports = host.Services.GetRequiredService<IImportService>();
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "fix", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        var baseDisk = Disk(manager, vm.Id);
        await checkpoints.TakeAsync(vm.Id, "only");
        var adapterId = vm.Definition.NetworkAdapters[0].Id.ToString("D");
        var export = Path.Combine(data.Path, "export");
        var config = (await host.Services.GetRequiredService<IExportService>().ExportAsync(vm.Id, new ExportRequest(export), new RecordingProgress<OperationProgress>(), default)).ConfigFile;

        // An export still marked incomplete is refused.
        var marker = Path.Combine(export, "fix", ExportService.IncompleteMarker);
        await File.WriteAllTextAsync(marker, "under way");
        Assert.Contains((await imports.CompareAsync(new ImportRequest(config, ImportType.Copy), default)).FixUps,
            f => (f.Kind, f.Key) == (ImportFixUpKind.Blocked, "configFile") && f.Message.Contains("is incomplete", StringComparison.Ordinal));
        File.Delete(marker);

        // The exported configuration as another host would have written it: its switch and its DVD image are not here.
        await RewriteAsync(config, d => d with
        {
            NetworkAdapters = [d.NetworkAdapters[0] with { SwitchName = "No Such Switch" }],
            Drives = [.. d.Drives.Select(x => x.Kind == DriveKind.Dvd ? x with { Path = "/nowhere/setup.iso" } : x)],
        });

        // With the default folders, the copy would land on the original's files: refused before anything is written.
        var defaults = await imports.CompareAsync(new ImportRequest(config, ImportType.Copy), default);
        Assert.Contains(defaults.FixUps, f => (f.Kind, f.Key) == (ImportFixUpKind.Blocked, "disksFolder") && f.Message.Contains("already exists (nothing is overwritten)", StringComparison.Ordinal));
        var ok = Path.Combine(data.Path, "ok");

        // The switch: reported with Not Connected as the first choice; the import is refused until a choice is made.
        var report = await imports.CompareAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: ok), default);
        Assert.Equal(2, report.FixUps.Count);
        var missingSwitch = report.FixUps[0];
        Assert.Equal((ImportFixUpKind.MissingSwitch, adapterId, false), (missingSwitch.Kind, missingSwitch.Key, missingSwitch.Resolved));
        Assert.Equal("", missingSwitch.Choices[0]);
        Assert.Contains("Could not find virtual switch 'No Such Switch'", missingSwitch.Message, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<VmStateException>(() => imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: ok), new RecordingProgress<OperationProgress>(), default));
        Assert.Contains("No Such Switch", refused.Message, StringComparison.Ordinal);
        var notConnected = new Dictionary<string, string> { [adapterId] = "" };

        // The DVD's image is not on this host: the drive can be left empty.
        var missingIso = report.FixUps[1];
        Assert.Equal((ImportFixUpKind.MissingDisk, "/nowhere/setup.iso", true, false), (missingIso.Kind, missingIso.Key, missingIso.CanLeaveEmpty, missingIso.Resolved));

        // The checkpoint's (parent) disk moved away: one MissingDisk fix-up, resolved by its location.
        var exportedBase = Path.Combine(export, "fix", VmPaths.DisksFolderName, Path.GetFileName(baseDisk));
        var moved = Path.Combine(data.Path, "elsewhere", Path.GetFileName(baseDisk));
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(exportedBase, moved);
        report = await imports.CompareAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: ok, SwitchChoices: notConnected), default);
        var missingDisk = Assert.Single(report.FixUps, f => !f.Resolved && f.Key != "/nowhere/setup.iso");
        Assert.Equal((ImportFixUpKind.MissingDisk, $"{VmPaths.DisksFolderName}/{Path.GetFileName(baseDisk)}"), (missingDisk.Kind, missingDisk.Key));
        var located = new Dictionary<string, string> { [missingDisk.Key] = moved, ["/nowhere/setup.iso"] = "" };
        report = await imports.CompareAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: ok, SwitchChoices: notConnected, DiskLocations: located), default);
        Assert.True(report.CanImport, string.Join(" ", report.FixUps.Select(f => f.Message)));

        // Cancel at the second file: nothing registered, the copies and the folders made are gone.
        var cancelled = Path.Combine(data.Path, "cancelled");
        using var cancel = new CancellationTokenSource();
        var steps = new List<string>();
        var progress = new InlineProgress<OperationProgress>(p =>
        {
            if (p.Step.StartsWith("Copying", StringComparison.Ordinal) && !steps.Contains(p.Step))
            {
                steps.Add(p.Step);
                if (steps.Count == 2)
                {
                    cancel.Cancel();
                }
            }
        });
        var vmsBefore = manager.List().Count;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: cancelled, SwitchChoices: notConnected, DiskLocations: located), progress, cancel.Token));
        Assert.Equal(2, steps.Count);
        Assert.Equal(vmsBefore, manager.List().Count);
        Assert.False(Directory.Exists(cancelled));

        // Imported: Not Connected, the copied differencing disk on the copied parent, data intact.
        var imported = await imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: ok, SwitchChoices: notConnected, DiskLocations: located),
            new RecordingProgress<OperationProgress>(), default);
        Assert.Null(Assert.Single(imported.Definition.NetworkAdapters).SwitchName);
        Assert.Null(imported.Definition.Drives.Single(d => d.Kind == DriveKind.Dvd).Path);
        var disks = Path.Combine(ok, "fix", VmPaths.DisksFolderName);
        Assert.Equal(Path.Combine(disks, Path.GetFileName(baseDisk)), await BackingOfAsync(Disk(manager, imported.Id)));
        Assert.Equal(Path.Combine(disks, Path.GetFileName(baseDisk)), checkpoints.GetTree(imported.Id).Roots.Single().Checkpoint.Disks.Single().Path);
        var check = await ProcessRunner.RunAsync("qemu-img", ["check", "-U", Disk(manager, imported.Id)], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(check.ExitCode == 0, check.StandardOutput + check.StandardError);

        // Register in place that fails at its last write (the configuration's temporary file is
        // blocked by a folder): the located records and the disk's parent are put back as they were.
        await manager.DeleteAsync(vm.Id, deleteDisks: false);
        var inPlace = new ImportRequest(config, ImportType.RegisterInPlace, SwitchChoices: notConnected, DiskLocations: located);
        var overlay = Path.Combine(export, "fix", VmPaths.DisksFolderName, Path.GetFileName(Disk(manager, imported.Id)));
        var checkpointRecord = Directory.GetFiles(Path.Combine(export, "fix", VmPaths.SnapshotsFolderName), "*.json").Single();
        var (configBefore, recordBefore) = (await File.ReadAllBytesAsync(config), await File.ReadAllBytesAsync(checkpointRecord));
        Directory.CreateDirectory(config + ".tmp");
        await Assert.ThrowsAsync<VmOperationException>(() => imports.ImportAsync(inPlace, new RecordingProgress<OperationProgress>(), default));
        Assert.Equal(configBefore, await File.ReadAllBytesAsync(config));
        Assert.Equal(recordBefore, await File.ReadAllBytesAsync(checkpointRecord));
        Assert.Equal(Path.GetFileName(baseDisk), await RecordedBackingOfAsync(overlay));
        Assert.DoesNotContain(manager.List(), v => v.Id == vm.Id);

        Directory.Delete(config + ".tmp");
        var registered = await imports.ImportAsync(inPlace, new RecordingProgress<OperationProgress>(), default);
        Assert.Equal((vm.Id, overlay), (registered.Id, Disk(manager, vm.Id)));
        Assert.Equal(moved, await BackingOfAsync(overlay));
        Assert.Equal(moved, checkpoints.GetTree(vm.Id).Roots.Single().Checkpoint.Disks.Single().Path);
    }

    private static async Task RewriteAsync(string config, Func<VmDefinition, VmDefinition> change) =>
        await File.WriteAllBytesAsync(config, JsonSerializer.SerializeToUtf8Bytes(change(VmConfigStore.Read(config)), HvWeb.Engine.Model.Json.VmJson.Options));

    private static async Task<string?> RecordedBackingOfAsync(string disk)
    {
        var info = await ProcessRunner.RunAsync("qemu-img", ["info", "-U", "--output=json", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        using var json = JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null;
    }

    [Fact]
    public async Task Import_CopyOfASavedVm_RegisteredSavedAndResumesTheGuest()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var imports = host.Services.GetRequiredService<IImportService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "saved", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        try
        {
            await manager.StartAsync(vm.Id);
            var shell = SerialShell.For(data.Path, vm.Definition);
            await shell.WaitForShellAsync(Boot);
            await shell.TypeAsync("V=kept; echo V-IS-$V", "V-IS-kept");
            await manager.SaveAsync(vm.Id);
            var config = (await host.Services.GetRequiredService<IExportService>().ExportAsync(vm.Id, new ExportRequest(Path.Combine(data.Path, "export")), new RecordingProgress<OperationProgress>(), default)).ConfigFile;

            var copy = await imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: Path.Combine(data.Path, "copy")), new RecordingProgress<OperationProgress>(), default);

            Assert.Equal(VmState.Saved, copy.State);
            Assert.True(File.Exists(VmPaths.SavedStateFile(copy.Definition)));
            await manager.StartAsync(copy.Id);
            await SerialShell.For(data.Path, copy.Definition).TypeAsync("echo V-IS-$V", "V-IS-kept", Boot);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
        }
        finally
        {
            await TurnOffAllAsync(manager);
        }
    }

    [Fact]
    public async Task Import_ExportWithVhdxDisks_CopyConvertsToQcow2AndBoots_InPlaceRefused()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var imports = host.Services.GetRequiredService<IImportService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "vhdx", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        try
        {
            var config = (await host.Services.GetRequiredService<IExportService>().ExportAsync(vm.Id, new ExportRequest(Path.Combine(data.Path, "export"), DisksAsVhdx: true), new RecordingProgress<OperationProgress>(), default)).ConfigFile;
            await manager.DeleteAsync(vm.Id, deleteDisks: true);

            var inPlace = await imports.CompareAsync(new ImportRequest(config, ImportType.RegisterInPlace), default);
            var blocked = Assert.Single(inPlace.FixUps);
            Assert.Equal((ImportFixUpKind.Blocked, "disks"), (blocked.Kind, blocked.Key));
            Assert.Contains("choose Restore or Copy, which convert it into qcow2", blocked.Message, StringComparison.Ordinal);

            var progress = new RecordingProgress<OperationProgress>();
            var copy = await imports.ImportAsync(new ImportRequest(config, ImportType.Copy, VirtualMachineFolder: Path.Combine(data.Path, "copy")), progress, default);

            Assert.Contains(progress.Reports, p => p.Step == "Converting 'vhdx.vhdx' to qcow2");
            var disk = Disk(manager, copy.Id);
            Assert.Equal(Path.Combine(data.Path, "copy", "vhdx", VmPaths.DisksFolderName, "vhdx.qcow2"), disk);
            await manager.StartAsync(copy.Id);
            await new SerialLog(VmPaths.SerialLogFile(manager.Get(copy.Id).Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
        }
        finally
        {
            await TurnOffAllAsync(manager);
        }
    }

    private static string Disk(VmManager manager, Guid id) => manager.Get(id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;

    private static VmDefinition ReadConfig(string file) => VmConfigStore.Read(file);

    private static async Task TurnOffAllAsync(VmManager manager)
    {
        // The engine leaves running VMs running when the host stops: a failed step must not leave QEMU behind.
        foreach (var vm in manager.List().Where(v => v.State is VmState.Running or VmState.Paused))
        {
            await manager.TurnOffAsync(vm.Id);
        }
    }

    private static async Task<string?> BackingOfAsync(string disk)
    {
        var info = await ProcessRunner.RunAsync("qemu-img", ["info", "-U", "--output=json", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        using var json = JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.TryGetProperty("full-backing-filename", out var backing) ? backing.GetString() : null;
    }

    /// <summary>A 64 KiB area 1 MiB before the end of the disk (the guest runs from its initramfs and never reads there).</summary>
    private static async Task<long> PatternOffsetAsync(string disk)
    {
        var info = await ProcessRunner.RunAsync("qemu-img", ["info", "-U", "--output=json", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        using var json = JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.GetProperty("virtual-size").GetInt64() - (1024 * 1024);
    }

    private static Task<string> HmpAsync(VmManager manager, Guid id, string command) =>
        manager.RunCheckpointOperationAsync(id, "Testing", null, async s =>
        {
            var reply = await s.Qmp!.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = command });
            return reply.GetString() ?? "";
        });

    /// <summary>Reads a disk chain (its VM Off or Saved) with qemu-io and checks the pattern.</summary>
    private static async Task AssertPatternAsync(string disk, long offset, byte pattern)
    {
        var result = await ProcessRunner.RunAsync("qemu-io", ["-r", "-f", "qcow2", "-c", $"read -P 0x{pattern:x2} {offset} 64k", disk], TimeSpan.FromSeconds(30), CancellationToken.None);
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0 && output.Contains("read 65536/65536", StringComparison.Ordinal) && !output.Contains("fail", StringComparison.OrdinalIgnoreCase),
            $"{disk} at {offset}: expected 0x{pattern:x2}: {output}");
    }
}
