using HvWeb.Bench.Common;
using System.Diagnostics;
using System.Globalization;
using HvWeb.Bench.Checkpoints;
using static HvWeb.Bench.Checkpoints.BenchTools;
using HvWeb.Engine;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;
using HvWeb.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// dotnet run -c Release --project bench/checkpoints -- [checkpoints per series, 10] [MB to merge, 256] [images folder]
// One tiny generation 1 guest (128 MiB, TCG) run by the real engine. Checkpoints through ICheckpointService
// against raw QMP on the same running VM (a second monitor, see BenchMonitor); a live merge (Delete of a
// middle checkpoint) and an offline one against `qemu-img commit` of an identical copy of the chain.
// The guest's pause: QMP STOP → RESUME timestamps and a heartbeat on COM1 (see Heartbeat). See docs/checkpoints.md.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var mergeMb = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256;
var images = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES") ?? throw new InvalidOperationException("Set HVWEB_GUEST_IMAGES (bash guest/build.sh | tail -1).");
var output = Console.Out;
var total = Stopwatch.StartNew();
var clock = Stopwatch.StartNew();

var temp = Directory.CreateTempSubdirectory("hvcpb-").FullName;
var benchSocket = Path.Combine(temp, "bench-qmp.sock");
var wrapper = BenchMonitor.WriteWrapper(temp, benchSocket);
var raw = Directory.CreateDirectory(Path.Combine(temp, "raw")).FullName;
var data = Directory.CreateDirectory(Path.Combine(temp, "data")).FullName;

// The tiny guest's 64 MiB disk, grown to 1 GiB so that the merge has room for its data (the guest runs from its initramfs).
var seed = Path.Combine(temp, "seed.qcow2");
File.Copy(Path.Combine(images, "tiny-bios.qcow2"), seed);
await QemuImgAsync("resize", "-f", "qcow2", seed, "1G");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHvPersistence(data);
builder.Services.AddHvEngine(o =>
{
    o.DataRoot = data;
    o.Accelerator = AcceleratorMode.Tcg;
    o.GuestImagesFolder = images;
    o.QemuBinary = wrapper;
});
using var host = builder.Build();
await host.StartAsync();
var manager = host.Services.GetRequiredService<VmManager>();
var checkpoints = host.Services.GetRequiredService<ICheckpointService>();
var vm = await manager.CreateAsync(new VmCreateRequest { Name = "cpbench", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = seed });
var drive = vm.Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk);
var device = DriveNames.Device(drive);
BenchMonitor? monitor = null;
Heartbeat? heartbeat = null;
var series = new List<Series>();
var notes = new List<string>();
try
{
    // 1. The Off VM: a Production checkpoint is disks only (qemu-img create of a differencing disk, the definition, the record).
    var offEngine = new Series("engine: Production checkpoint of the Off VM (disk only)");
    for (var i = 0; i < count; i++)
    {
        var t = Stopwatch.StartNew();
        await checkpoints.TakeAsync(vm.Id, $"off {i}");
        offEngine.Milliseconds.Add(t.Elapsed.TotalMilliseconds);
    }

    var offRaw = new Series("raw: qemu-img create -b (a differencing disk)");
    var backing = seed;
    for (var i = 0; i < count; i++)
    {
        var overlay = Path.Combine(raw, $"off-{i}.qcow2");
        var t = Stopwatch.StartNew();
        await QemuImgAsync("create", "-q", "-f", "qcow2", "-b", backing, "-F", "qcow2", overlay);
        offRaw.Milliseconds.Add(t.Elapsed.TotalMilliseconds);
        backing = overlay;
    }

    series.AddRange([offEngine, offRaw]);

    // 2. The running VM: Standard (the tiny guest has no agent, so Production would fall back to Standard after a 3 s agent probe).
    await manager.UpdateAsync(vm.Id, new VmUpdateRequest { CheckpointType = CheckpointType.Standard });
    var booted = Stopwatch.StartNew();
    await manager.StartAsync(vm.Id);
    monitor = await BenchMonitor.ConnectAsync(benchSocket, TimeSpan.FromSeconds(30));
    heartbeat = await Heartbeat.StartAsync(VmPaths.SerialSocket(VmPaths.SocketFolder(data, vm.Id)), clock, TimeSpan.FromSeconds(120));
    await output.WriteLineAsync($"guest up and beating in {booted.Elapsed.TotalSeconds:0.0} s");
    var idleFrom = clock.Elapsed.TotalMilliseconds;
    await Task.Delay(3000);
    var idle = heartbeat.Gaps(idleFrom, clock.Elapsed.TotalMilliseconds).Select(g => g.HostMs).ToList();
    notes.Add($"Heartbeat at rest: {idle.Count} gaps in 3 s, median {Series.F(Percentile.Of(idle, 50))} ms, p95 {Series.F(Percentile.Of(idle, 95))} ms, longest {Series.F(idle.Max())} ms.");

    async Task MeasureAsync(Series s, Func<Task> operation)
    {
        var mark = monitor.Mark;
        var from = clock.Elapsed.TotalMilliseconds;
        await operation();
        var to = clock.Elapsed.TotalMilliseconds;
        s.Milliseconds.Add(to - from);
        if (await monitor.PauseMsAsync(mark) is { } pause)
        {
            s.PauseMs.Add(pause);
        }

        await Task.Delay(300); // the beat after the gap arrives
        var gap = heartbeat.LongestGap(from, to);
        s.HeartbeatGapMs.Add(gap.HostMs);
        s.GuestClockGapMs.Add(gap.GuestMs);
    }

    var standard = new Series("engine: Standard checkpoint of the running VM (disk + memory)");
    for (var i = 0; i < count; i++)
    {
        await MeasureAsync(standard, () => checkpoints.TakeAsync(vm.Id, $"running {i}"));
    }

    series.Add(standard);

    // 3. Delete a middle checkpoint (B) live: what was written between B and C is merged into B's file.
    var live = await MergeAsync("live", async () =>
    {
        var reply = await monitor.HmpAsync($"qemu-io -d {device} \"write -P 0x5a 512M {mergeMb}M\"");
        if (reply.Contains("fail", StringComparison.OrdinalIgnoreCase) || reply.Contains("error", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("qemu-io: " + reply);
        }
    });

    // 4. Raw QMP on the same VM through the bench's monitor: what the engine does for a Standard checkpoint, by hand
    //    (stop, blockdev-snapshot-sync, migrate to a file, cont), then the disk snapshot alone (the VM is not stopped).
    var rawStandard = new Series("raw QMP: stop + blockdev-snapshot-sync + migrate to file + cont");
    var rawSnapshot = new Series("raw QMP: blockdev-snapshot-sync alone (running)");
    for (var i = 0; i < count; i++)
    {
        var state = Path.Combine(raw, $"standard-{i}.vmstate");
        var overlay = Path.Combine(raw, $"standard-{i}.qcow2");
        await MeasureAsync(rawStandard, async () =>
        {
            await monitor.Qmp.ExecuteAsync("stop");
            var top = await TopNodeAsync(monitor.Qmp, device);
            await monitor.Qmp.ExecuteAsync("blockdev-snapshot-sync", new Dictionary<string, object> { ["node-name"] = top, ["snapshot-file"] = overlay, ["snapshot-node-name"] = $"bench-s{i}", ["format"] = "qcow2" });
            await monitor.Qmp.ExecuteAsync("migrate", new { uri = "exec:cat > " + state });
            while (true)
            {
                var info = await monitor.Qmp.ExecuteAsync("query-migrate");
                var status = info.GetProperty("status").GetString();
                if (status == "completed")
                {
                    break;
                }

                if (status is "failed" or "cancelled")
                {
                    throw new InvalidOperationException("migrate: " + info);
                }

                await Task.Delay(5);
            }

            await monitor.Qmp.ExecuteAsync("cont");
        });
    }

    for (var i = 0; i < count; i++)
    {
        var overlay = Path.Combine(raw, $"snapshot-{i}.qcow2");
        var top = await TopNodeAsync(monitor.Qmp, device);
        await MeasureAsync(rawSnapshot, () => monitor.Qmp.ExecuteAsync("blockdev-snapshot-sync", new Dictionary<string, object> { ["node-name"] = top, ["snapshot-file"] = overlay, ["snapshot-node-name"] = $"bench-d{i}", ["format"] = "qcow2" }));
    }

    series.AddRange([rawStandard, rawSnapshot]);
    await heartbeat.DisposeAsync();
    heartbeat = null;
    await monitor.DisposeAsync();
    monitor = null;
    await manager.TurnOffAsync(vm.Id);

    // 5. The same merge with the VM Off (the engine's qemu-img commit path).
    var offline = await MergeAsync("offline", async () =>
    {
        var disk = manager.Get(vm.Id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;
        var result = await ProcessRunner.RunAsync("qemu-io", ["-f", "qcow2", "-c", $"write -P 0x5a 512M {mergeMb}M", disk], TimeSpan.FromMinutes(2), CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("qemu-io: " + result.StandardError);
        }
    });

    var machine = await MachineAsync();
    await output.WriteLineAsync();
    await output.WriteLineAsync($"{machine}; guest: tiny BIOS guest, 128 MiB, TCG; {count} per series; {mergeMb} MB merged; run took {total.Elapsed.TotalSeconds:0} s.");
    await output.WriteLineAsync();
    await output.WriteLineAsync("| operation | n | median ms | p95 ms | pause, QMP STOP→RESUME, median / p95 ms | longest heartbeat gap, median / p95 ms | guest clock across that gap, median / p95 ms |");
    await output.WriteLineAsync("|---|---|---|---|---|---|---|");
    foreach (var s in series)
    {
        await output.WriteLineAsync(s.Row());
    }

    await output.WriteLineAsync();
    await output.WriteLineAsync("| ratio (medians) | value |");
    await output.WriteLineAsync("|---|---|");
    await output.WriteLineAsync($"| engine Standard / raw QMP stop + snapshot + memory + cont | {Ratio(standard, rawStandard)} |");
    await output.WriteLineAsync($"| engine Standard / raw blockdev-snapshot-sync alone | {Ratio(standard, rawSnapshot)} |");
    await output.WriteLineAsync($"| engine Production of an Off VM / raw qemu-img create | {Ratio(offEngine, offRaw)} |");
    await output.WriteLineAsync($"| engine delete (live merge) / offline qemu-img commit | {Ratio(live.Engine, live.Commit)} |");
    await output.WriteLineAsync($"| engine delete (VM off) / offline qemu-img commit | {Ratio(offline.Engine, offline.Commit)} |");
    await output.WriteLineAsync();
    foreach (var note in notes)
    {
        await output.WriteLineAsync(note);
    }

    return 0;
}
finally
{
    if (heartbeat is not null)
    {
        await heartbeat.DisposeAsync();
    }

    if (monitor is not null)
    {
        await monitor.DisposeAsync();
    }

    if (manager.Get(vm.Id).State is not VmState.Off and not VmState.Saved)
    {
        await manager.TurnOffAsync(vm.Id);
    }

    await host.StopAsync();
    Directory.Delete(temp, recursive: true);
}

// Takes B, writes the data, takes C; copies B's and C's frozen files (identical chain, same run) and times
// the engine's Delete of B against `qemu-img commit` of the copy (the engine's own offline arguments).
async Task<(Series Engine, Series Commit)> MergeAsync(string how, Func<Task> write)
{
    var b = await checkpoints.TakeAsync(vm.Id, $"B {how}");
    await write();
    var c = await checkpoints.TakeAsync(vm.Id, $"C {how}");
    var baseFile = b.Disks.Single().Path;
    var topFile = c.Disks.Single().Path;
    var copies = Directory.CreateDirectory(Path.Combine(temp, "copy-" + how)).FullName;
    var baseCopy = Path.Combine(copies, "base.qcow2");
    var topCopy = Path.Combine(copies, "top.qcow2");
    File.Copy(baseFile, baseCopy);
    File.Copy(topFile, topCopy);
    await QemuImgAsync("rebase", "-u", "-f", "qcow2", "-F", "qcow2", "-b", baseCopy, topCopy);
    var merged = new FileInfo(topFile).Length;

    var engine = new Series($"engine: Delete Checkpoint (merge, VM {(how == "live" ? "running" : "off")}), {merged / 1_000_000} MB file");
    var from = clock.Elapsed.TotalMilliseconds;
    var mark = monitor?.Mark ?? 0;
    await checkpoints.DeleteAsync(vm.Id, b.Id, subtree: false);
    var to = clock.Elapsed.TotalMilliseconds;
    engine.Milliseconds.Add(to - from);
    if (monitor is not null && await monitor.PauseMsAsync(mark) is { } pause)
    {
        engine.PauseMs.Add(pause);
    }

    if (heartbeat is not null)
    {
        await Task.Delay(300);
        var gap = heartbeat.LongestGap(from, to);
        engine.HeartbeatGapMs.Add(gap.HostMs);
        engine.GuestClockGapMs.Add(gap.GuestMs);
    }

    var commit = new Series($"raw: qemu-img commit of a copy of the same chain ({how} run)");
    var t = Stopwatch.StartNew();
    await QemuImgAsync("commit", "-f", "qcow2", "-b", baseCopy, topCopy);
    commit.Milliseconds.Add(t.Elapsed.TotalMilliseconds);
    series.AddRange([engine, commit]);
    Directory.Delete(copies, recursive: true);
    return (engine, commit);
}
