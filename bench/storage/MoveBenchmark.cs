using System.Diagnostics;
using System.Globalization;
using System.Text;
using HvWeb.Engine;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.Bench.StorageMove;

/// <summary>The storage move benchmark: the real engine (TCG), the tiny BIOS guest, one data root in /tmp.</summary>
internal static class MoveBenchmark
{
    private const int WriteChunkMb = 1;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<string> RunAsync(string images, int allocatedMb)
    {
        var data = Directory.CreateTempSubdirectory("hvweb-movebench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHvPersistence(data);
        builder.Services.AddHvEngine(o =>
        {
            o.DataRoot = data;
            o.Accelerator = AcceleratorMode.Tcg;
            o.GuestImagesFolder = images;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var manager = host.Services.GetRequiredService<VmManager>();
        var moves = host.Services.GetRequiredService<IStorageMoveService>();
        var report = new StringBuilder();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "movebench", Generation = VmGeneration.One, MemoryStartupMb = 256, CopyDiskFrom = Path.Combine(images, "tiny-bios.qcow2") });
        try
        {
            var disk = Disk(manager, vm.Id);
            // ~allocatedMb of data beyond the guest's own files (the guest runs from its initramfs and never reads there).
            await RunAsync("qemu-img", "resize", "-q", disk, $"{allocatedMb + 1024}M");
            await RunAsync("qemu-io", "-f", "qcow2", "-c", $"write -P 0x6b 512M {allocatedMb}M", disk);
            var allocated = await AllocatedAsync(disk);

            var converted = Path.Combine(data, "convert.qcow2");
            var convert = Stopwatch.StartNew();
            await RunAsync("qemu-img", "convert", "-O", "qcow2", disk, converted);
            convert.Stop();
            File.Delete(converted);

            await manager.StartAsync(vm.Id);
            await using var heartbeat = await Heartbeat.ConnectAsync(VmPaths.SerialSocket(VmPaths.SocketFolder(data, vm.Id)));
            await heartbeat.WaitForShellAsync("echo UP-$((40+2))", "UP-42", TimeSpan.FromSeconds(120));
            await heartbeat.TypeAsync("i=0; while :; do echo hb $i; i=$((i+1)); usleep 10000; done &");
            await Task.Delay(TimeSpan.FromSeconds(2));

            var idleFrom = Heartbeat.Now;
            await Task.Delay(Window);
            var idle = heartbeat.Window(idleFrom, Heartbeat.Now);

            var writesIdle = await WriteThroughputAsync(manager, vm.Id, Window, null);

            var moveFrom = Heartbeat.Now;
            var move = Stopwatch.StartNew();
            var steps = new StepClock();
            await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: Path.Combine(data, "moved-1")), steps, CancellationToken.None);
            move.Stop();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var during = heartbeat.Window(moveFrom, Heartbeat.Now);
            var atSwitch = heartbeat.GapAround(steps.At("Switching to the new files"), steps.At("Switching the configuration"));

            // A second move (back to another folder) while 1 MiB writes go through the disk's device.
            var moveTask = Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                await moves.MoveAsync(vm.Id, new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: Path.Combine(data, "moved-2")), new Progress<OperationProgress>(), CancellationToken.None);
                return clock.Elapsed;
            });
            var writesMoving = await WriteThroughputAsync(manager, vm.Id, TimeSpan.FromMinutes(5), moveTask);
            var secondMove = await moveTask;

            var mb = allocated / 1048576.0;
            report.AppendLine(Inv, $"| measure | value |");
            report.AppendLine("|---|---|");
            report.AppendLine(Inv, $"| disk allocated | {mb:0} MiB |");
            report.AppendLine(Inv, $"| offline `qemu-img convert` | {convert.Elapsed.TotalSeconds:0.00} s, {mb / convert.Elapsed.TotalSeconds:0} MiB/s |");
            report.AppendLine(Inv, $"| storage move, running VM | {move.Elapsed.TotalSeconds:0.00} s, {mb / move.Elapsed.TotalSeconds:0} MiB/s (x{move.Elapsed / convert.Elapsed:0.00} the convert) |");
            report.AppendLine(Inv, $"| guest heartbeat, longest gap without a move ({Window.TotalSeconds:0} s) | {idle.LongestGapMs:0} ms ({idle.Beats} beats) |");
            report.AppendLine(Inv, $"| guest heartbeat, longest gap during the move | {during.LongestGapMs:0} ms ({during.Beats} beats) |");
            report.AppendLine(Inv, $"| guest heartbeat, gap across the switch (job-complete) | {atSwitch:0} ms |");
            report.AppendLine(Inv, $"| 1 MiB writes through the disk's device, no move | {writesIdle:0} MiB/s |");
            report.AppendLine(Inv, $"| same writes during a move | {writesMoving:0} MiB/s (that move took {secondMove.TotalSeconds:0.00} s) |");
        }
        finally
        {
            if (manager.Get(vm.Id).State is VmState.Running or VmState.Paused)
            {
                await manager.TurnOffAsync(vm.Id);
            }

            await host.StopAsync();
            Directory.Delete(data, recursive: true);
        }

        return report.ToString();
    }

    /// <summary>When each step was first reported (reported inline, on the engine's thread).</summary>
    private sealed class StepClock : IProgress<OperationProgress>
    {
        private readonly Dictionary<string, long> _at = [];

        public long At(string step)
        {
            lock (_at)
            {
                return _at[step];
            }
        }

        public void Report(OperationProgress value)
        {
            lock (_at)
            {
                _at.TryAdd(value.Step, Heartbeat.Now);
            }
        }
    }

    private static string Disk(VmManager manager, Guid id) => manager.Get(id).Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;

    /// <summary>1 MiB writes through the IDE disk's device (HMP qemu-io: the block path a guest write takes) until the window ends or <paramref name="until"/> completes; MiB/s.</summary>
    private static async Task<double> WriteThroughputAsync(VmManager manager, Guid id, TimeSpan window, Task? until)
    {
        var clock = Stopwatch.StartNew();
        var written = 0;
        while (clock.Elapsed < window && until is not { IsCompleted: true })
        {
            var qmp = manager.ViewForMove(id).Qmp!;
            var offset = (64L << 20) + ((written % 256L) * (WriteChunkMb << 20));
            await qmp.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = $"qemu-io -d ide0-0 \"write -P 0x2a {offset} {WriteChunkMb}M\"" });
            written++;
        }

        return written * WriteChunkMb / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> AllocatedAsync(string disk)
    {
        var result = await RunAsync("qemu-img", "info", "--output=json", "-U", disk);
        using var json = System.Text.Json.JsonDocument.Parse(result);
        return json.RootElement.GetProperty("actual-size").GetInt64();
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromMinutes(10), CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {result.StandardError}");
        }

        return result.StandardOutput;
    }
}
