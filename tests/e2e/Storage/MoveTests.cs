using System.Globalization;
using System.Text.RegularExpressions;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>
/// Storage move on real QEMU (TCG) with the tiny guest: a running VM with a checkpoint (a chain) is
/// moved while the guest appends lines to a file on its disk's data partition (ext2 on /data) and
/// syncs after each, and the guest reads the file back after the move and after a fresh start;
/// an Off VM's disks only and its configuration; refusals; a cancelled live move.
/// </summary>
public sealed class MoveTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task MoveLive_RunningVmWithCheckpointWhileGuestWrites_NoLineLostNeverStoppedOldFolderGone()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var moves = host.Services.GetRequiredService<IStorageMoveService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "mover", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        // Standard: the checkpoints carry memory (the tiny guest's agent would make them Production, disk only).
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.Standard });
        var oldFolder = vm.Definition.Folder;
        var target = Path.Combine(data.Path, "moved", "mover");
        var shell = SerialShell.For(data.Path, vm.Definition);
        try
        {
            await manager.StartAsync(vm.Id);
            await shell.WaitForShellAsync(Boot);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", 0, Boot);
            var checkpoint = await checkpoints.TakeAsync(vm.Id, "before the move");
            var pid = manager.Get(vm.Id).ProcessId;

            using var subscription = manager.Subscribe();
            var states = new List<VmState>();
            using var watching = new CancellationTokenSource();
            var watcher = Task.Run(async () =>
            {
                await foreach (var change in subscription.Changes(watching.Token))
                {
                    if (change.Id == vm.Id && change.Snapshot is { } s)
                    {
                        lock (states)
                        {
                            states.Add(s.State);
                        }
                    }
                }
            });

            // The guest appends "line <i>" to a file on its disk's data partition and syncs after each line, until /run/stop exists.
            await shell.TypeAsync(WriterLoop, "WRITING-7");
            var beforeMove = await WaitForLinesAsync(shell, 20);
            var progress = new RecordingProgress<OperationProgress>();
            await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: target), progress, CancellationToken.None);
            var moved = manager.Get(vm.Id).Definition;
            shell = SerialShell.For(data.Path, moved);
            // QEMU writes the serial log into the moved serial.log: the guest answers through it.
            var atSwitch = await LinesAsync(shell);
            Assert.True(atSwitch > beforeMove, $"the guest wrote nothing during the move ({beforeMove} lines before, {atSwitch} after)");
            await WaitForLinesAsync(shell, atSwitch + 20);
            await shell.TypeAsync("touch /run/stop; wait; sync; echo STOPPED-$((4+4))", "STOPPED-8", Answer);
            var written = await CheckLinesAsync(shell);
            Assert.True(written >= atSwitch + 20, $"{written} lines checked, {atSwitch + 20} were written");
            output.WriteLine($"The guest's lines: {beforeMove} before the move, {atSwitch} when the move's job ended, {written} in all, every one in place.");
            await watching.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher);

            // The VM never stopped: same QEMU process, Running in every change seen.
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            Assert.All(states, s => Assert.Equal(VmState.Running, s));
            Assert.Contains(progress.Reports, p => p.Step.StartsWith("Mirroring", StringComparison.Ordinal));

            // Every file is in the new folder; the old folder is gone; the records name the new paths.
            Assert.Equal(target, moved.Folder);
            Assert.StartsWith(Path.Combine(target, VmPaths.DisksFolderName) + "/", Disk(manager, vm.Id), StringComparison.Ordinal);
            Assert.False(Directory.Exists(oldFolder), $"{oldFolder} still exists");
            Assert.True(File.Exists(VmPaths.ConfigFile(moved)));
            Assert.Contains(VmPaths.ConfigFile(moved), await File.ReadAllTextAsync(Path.Combine(data.Path, "registered-vms.json")), StringComparison.Ordinal);
            var record = checkpoints.GetTree(vm.Id).Get(checkpoint.Id);
            Assert.All(record.Disks, d => Assert.StartsWith(target + "/", d.Path, StringComparison.Ordinal));
            Assert.StartsWith(Path.Combine(target, VmPaths.SnapshotsFolderName) + "/", record.SavedStateFile, StringComparison.Ordinal);
            Assert.True(File.Exists(record.SavedStateFile));

            await manager.TurnOffAsync(vm.Id);
            var chain = await QemuImgAsync("info", "--backing-chain", "--output=json", Disk(manager, vm.Id));
            Assert.DoesNotContain(oldFolder, chain, StringComparison.Ordinal);
            await QemuImgAsync("check", "-f", "qcow2", Disk(manager, vm.Id));

            // A fresh start from the moved files: the file is on the new disk, every line in place.
            var from = shell.Log.Length;
            await manager.StartAsync(vm.Id);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", from, Boot);
            await shell.WaitForShellAsync(Boot);
            Assert.Equal(written, await CheckLinesAsync(shell));
            await manager.TurnOffAsync(vm.Id);

            // The checkpoint still applies: its memory state comes back and the guest resumes.
            await checkpoints.ApplyAsync(vm.Id, checkpoint.Id, takeCheckpointFirst: false);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);

            // A Saved VM's configuration moves with its saved state; it still resumes from there.
            var configuration = Path.Combine(data.Path, "configs", "mover");
            await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.EachItemOwnFolder, ConfigurationFolder: configuration), new RecordingProgress<OperationProgress>(), CancellationToken.None);
            Assert.Equal(VmState.Saved, manager.Get(vm.Id).State);
            Assert.True(File.Exists(VmPaths.SavedStateFile(manager.Get(vm.Id).Definition)));
            Assert.False(File.Exists(VmPaths.SavedStateFile(moved)));
            await manager.StartAsync(vm.Id);
            await SerialShell.For(data.Path, manager.Get(vm.Id).Definition).TypeAsync("echo APPLIED-$((1+1))", "APPLIED-2", Answer);
        }
        finally
        {
            await TurnOffAsync(manager, vm.Id);
        }
    }

    [Fact]
    public async Task MoveOffline_DisksOnlyThenConfiguration_ChainIntactRefusalsBeforeAnything()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = new DisposeOnce(host);
        var manager = host.Manager;
        var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
        var moves = host.Services.GetRequiredService<IStorageMoveService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "offline", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        var baseDisk = Disk(manager, vm.Id);
        var checkpoint = await checkpoints.TakeAsync(vm.Id, "off");
        var offset = await OffsetAsync(baseDisk);
        await QemuIoAsync(Disk(manager, vm.Id), $"write -P 0x5a {offset} 64k");

        // Refusals, before anything is written.
        var relative = await Assert.ThrowsAsync<VmValidationException>(() => moves.ValidateMoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: "relative/folder"), CancellationToken.None));
        Assert.Contains("absolute", relative.Errors["folder"][0], StringComparison.Ordinal);
        var occupied = Path.Combine(data.Path, "occupied");
        Directory.CreateDirectory(Path.Combine(occupied, VmPaths.DisksFolderName));
        await File.WriteAllTextAsync(Path.Combine(occupied, VmPaths.DisksFolderName, Path.GetFileName(baseDisk)), "not a disk");
        var holds = await Assert.ThrowsAsync<VmValidationException>(() => moves.PlanMoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: occupied), CancellationToken.None));
        Assert.Contains("already holds this VM's files", holds.Errors["folder"][0], StringComparison.Ordinal);
        var nothing = Assert.Single(moves.CheckMove(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: vm.Definition.Folder)));
        Assert.Contains("Nothing to move", nothing.Value[0], StringComparison.Ordinal);

        // Disks only: the disk and its checkpoint's frozen file move together; the chain is rebased onto the new parent.
        var disks = Path.Combine(data.Path, "fast disks");
        var top = Disk(manager, vm.Id);
        var items = await moves.PlanMoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { [top] = disks }), CancellationToken.None);
        Assert.Contains("and 1 checkpoint file(s)", Assert.Single(items).What, StringComparison.Ordinal);
        await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.DisksOnly, DiskFolders: new Dictionary<string, string> { [top] = disks }), new RecordingProgress<OperationProgress>(), CancellationToken.None);
        Assert.Equal(Path.Combine(disks, Path.GetFileName(top)), Disk(manager, vm.Id));
        Assert.False(File.Exists(top));
        Assert.False(File.Exists(baseDisk));
        var chain = await QemuImgAsync("info", "--backing-chain", "--output=json", Disk(manager, vm.Id));
        Assert.Contains(Path.Combine(disks, Path.GetFileName(baseDisk)), chain, StringComparison.Ordinal);
        await QemuImgAsync("check", "-f", "qcow2", Disk(manager, vm.Id));
        await QemuIoAsync(Disk(manager, vm.Id), $"read -P 0x5a {offset} 64k", readOnly: true);
        Assert.Equal(Path.Combine(disks, Path.GetFileName(baseDisk)), checkpoints.GetTree(vm.Id).Get(checkpoint.Id).Disks.Single().Path);

        // Each item its own folder: only the configuration moves (the checkpoints stay where they are); the registry names the new file.
        var config = Path.Combine(data.Path, "configs", "offline");
        var oldConfig = VmPaths.ConfigFile(manager.Get(vm.Id).Definition);
        await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.EachItemOwnFolder, ConfigurationFolder: config), new RecordingProgress<OperationProgress>(), CancellationToken.None);
        var moved = manager.Get(vm.Id).Definition;
        Assert.Equal(config, moved.Folder);
        Assert.False(File.Exists(oldConfig));
        var registry = await File.ReadAllTextAsync(Path.Combine(data.Path, "registered-vms.json"));
        Assert.Contains(VmPaths.ConfigFile(moved), registry, StringComparison.Ordinal);
        Assert.DoesNotContain(oldConfig, registry, StringComparison.Ordinal);
        Assert.Single(checkpoints.GetTree(vm.Id).Roots);

        // The moved VM is what the next start-up of the console reads.
        await _.DisposeAsync();
        var again = await EngineHost.StartAsync(data.Path);
        await using var __ = again;
        Assert.Equal(config, again.Manager.Get(vm.Id).Definition.Folder);
    }

    [Fact]
    public async Task MoveLive_CancelledWhileMirroring_VmRunsOnOldFilesNewCopiesGone()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var moves = host.Services.GetRequiredService<IStorageMoveService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "cancel", Generation = VmGeneration.One, MemoryStartupMb = 64, NewDiskSizeGb = 1 });
        var disk = Disk(manager, vm.Id);
        await QemuIoAsync(disk, "write -P 0x33 0 256M");
        var target = Path.Combine(data.Path, "never");
        try
        {
            await manager.StartAsync(vm.Id);
            var pid = manager.Get(vm.Id).ProcessId;
            using var cancel = new CancellationTokenSource();
            var progress = new CancellingProgress(cancel, "Mirroring");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: target), progress, cancel.Token));

            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            Assert.Equal(disk, Disk(manager, vm.Id));
            Assert.True(File.Exists(disk));
            Assert.False(Directory.Exists(target), $"{target} was left behind");
            var blocks = await manager.ViewForMove(vm.Id).Qmp!.ExecuteAsync("query-block");
            Assert.Contains(disk, blocks.GetRawText(), StringComparison.Ordinal);
            var jobs = await manager.ViewForMove(vm.Id).Qmp!.ExecuteAsync("query-jobs");
            Assert.Equal(0, jobs.GetArrayLength());

            // And the same move then succeeds, with the VM paused: it stays paused.
            await manager.PauseAsync(vm.Id);
            await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: target), new RecordingProgress<OperationProgress>(), CancellationToken.None);
            Assert.StartsWith(target + "/", Disk(manager, vm.Id), StringComparison.Ordinal);
            Assert.Equal(VmState.Paused, manager.Get(vm.Id).State);
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            await manager.TurnOffAsync(vm.Id);
            await QemuIoAsync(Disk(manager, vm.Id), "read -P 0x33 0 256M", readOnly: true);
        }
        finally
        {
            await TurnOffAsync(manager, vm.Id);
        }
    }

    [Fact]
    public async Task MoveLive_Generation2_UefiVariablesMirroredToTheNewRuntimeFolder()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var moves = host.Services.GetRequiredService<IStorageMoveService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "uefi", Generation = VmGeneration.Two, MemoryStartupMb = 256, CopyDiskFrom = GuestImages.TinyUefi });
        var target = Path.Combine(data.Path, "moved", "uefi");
        try
        {
            await manager.StartAsync(vm.Id);
            await SerialShell.For(data.Path, vm.Definition).WaitForShellAsync(Boot);
            var pid = manager.Get(vm.Id).ProcessId;
            await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: target), new RecordingProgress<OperationProgress>(), CancellationToken.None);

            var moved = manager.Get(vm.Id).Definition;
            Assert.Equal(pid, manager.Get(vm.Id).ProcessId);
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            Assert.True(File.Exists(VmPaths.FirmwareVarsFile(moved)));
            var blocks = (await manager.ViewForMove(vm.Id).Qmp!.ExecuteAsync("query-block")).GetRawText();
            Assert.Contains(VmPaths.FirmwareVarsFile(moved), blocks, StringComparison.Ordinal);
            Assert.DoesNotContain(vm.Definition.Folder + "/", blocks, StringComparison.Ordinal);
            Assert.False(Directory.Exists(vm.Definition.Folder));

            // A reboot reads the firmware variables and the disk from the new places.
            var log = SerialShell.For(data.Path, moved).Log;
            var from = log.Length;
            await manager.ResetAsync(vm.Id);
            await log.WaitForAsync(SerialLog.ReadyMarker, from, Boot);
        }
        finally
        {
            await TurnOffAsync(manager, vm.Id);
        }
    }

    private static string Disk(VmManager manager, Guid id) => manager.Get(id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;

    private static async Task TurnOffAsync(VmManager manager, Guid id)
    {
        if (manager.Get(id).State is VmState.Running or VmState.Paused)
        {
            await manager.TurnOffAsync(id);
        }
    }

    /// <summary>8 MiB before the end of the disk (the offline scenario never boots the guest).</summary>
    private static async Task<long> OffsetAsync(string disk)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await QemuImgAsync("info", "-U", "--output=json", disk));
        return json.RootElement.GetProperty("virtual-size").GetInt64() - (8 * 1024 * 1024);
    }

    private static async Task<string> QemuImgAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("qemu-img", arguments, TimeSpan.FromSeconds(120), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"qemu-img {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }

    private static async Task QemuIoAsync(string disk, string command, bool readOnly = false)
    {
        string[] arguments = readOnly ? ["-r", "-f", "qcow2", "-c", command, disk] : ["-f", "qcow2", "-c", command, disk];
        var result = await ProcessRunner.RunAsync("qemu-io", arguments, TimeSpan.FromSeconds(120), CancellationToken.None);
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0 && !output.Contains("fail", StringComparison.OrdinalIgnoreCase), $"qemu-io {command} {disk}: {output}");
    }

    /// <summary>
    /// Typed into the guest's COM1 shell: a background loop appending "line 0", "line 1", … to
    /// /data/moving.log, each followed by <c>sync</c> (so each line goes to the disk while the move
    /// runs), until /run/stop exists. Busybox ash runs it as a job of the serial shell, which keeps answering.
    /// </summary>
    private const string WriterLoop = "rm -f /run/stop /data/moving.log; (i=0; while [ ! -e /run/stop ]; do echo \"line $i\" >> /data/moving.log; sync; i=$((i+1)); done) & echo WRITING-$((3+4))";

    /// <summary>
    /// Reads /data/moving.log back in the guest: line k must be "line k" for every k, no gap, no
    /// duplicate, nothing after; one verdict line (the split "HVWEB-" "CHECK" keeps the echoed input from matching).
    /// </summary>
    private const string CheckLoop = "awk 'BEGIN { n = 0 } $0 != \"line \" n { bad = 1; print \"HVWEB-\" \"CHECK bad \" NR \": \" $0; exit } { n++ } END { if (!bad) print \"HVWEB-\" \"CHECK ok \" n }' /data/moving.log";

    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(60);

    /// <summary>Types a command, then waits for its end; returns what follows <paramref name="tag"/> on its output line.</summary>
    private static async Task<string> AskAsync(SerialShell shell, string command, string tag)
    {
        var from = shell.Log.Length;
        await shell.TypeAsync(command + "; echo ASKED-$((40+2))", "ASKED-42", Answer);
        var output = shell.Log.ReadFrom(from);
        var match = Regex.Match(output, Regex.Escape(tag) + " ([^\r\n]*)\r?\n");
        Assert.True(match.Success, $"no '{tag}' answer to '{command}': {output}");
        return match.Groups[1].Value;
    }

    private static async Task<int> LinesAsync(SerialShell shell) =>
        int.Parse(await AskAsync(shell, "echo \"HVWEB-\"\"LINES $(wc -l < /data/moving.log)\"", "HVWEB-LINES"), CultureInfo.InvariantCulture);

    private static async Task<int> WaitForLinesAsync(SerialShell shell, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var lines = await LinesAsync(shell);
            if (lines >= count)
            {
                return lines;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"the guest wrote only {lines} of {count} lines in 120 s");
            await Task.Delay(500);
        }
    }

    /// <summary>The guest's verdict on /data/moving.log; the number of lines when every one is in place.</summary>
    private static async Task<int> CheckLinesAsync(SerialShell shell)
    {
        var verdict = await AskAsync(shell, CheckLoop, "HVWEB-CHECK");
        Assert.StartsWith("ok ", verdict, StringComparison.Ordinal);
        return int.Parse(verdict[3..], CultureInfo.InvariantCulture);
    }

    /// <summary>Disposes the host once, whether the test disposes it on purpose first or not.</summary>
    private sealed class DisposeOnce(EngineHost host) : IAsyncDisposable
    {
        private int _done;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Cancels when a report's step starts with the given text.</summary>
    private sealed class CancellingProgress(CancellationTokenSource cancel, string step) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value)
        {
            if (value.Step.StartsWith(step, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
