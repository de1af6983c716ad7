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

namespace HvWeb.StorageBench;

/// <summary>One measured export and its baseline.</summary>
internal sealed record ExportBenchRow(string Disk, string VmState, long AllocatedBytes, TimeSpan Export, TimeSpan Convert)
{
    public double ExportMbPerSecond => AllocatedBytes / 1e6 / Export.TotalSeconds;

    public double ConvertMbPerSecond => AllocatedBytes / 1e6 / Convert.TotalSeconds;

    public double Ratio => Export.TotalSeconds / Convert.TotalSeconds;
}

/// <summary>
/// Export of a VM whose disk is dense (every cluster written) or half-sparse (the first half
/// written), Off and Running (QEMU's backup job at a point in time; the VM sits in its firmware),
/// against <c>qemu-img convert -O qcow2</c> of the same disk in the same run. MB/s counts the
/// disk's allocated bytes.
/// </summary>
internal static class ExportBench
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    public static async Task<List<ExportBenchRow>> RunAsync(ExportBenchSettings settings)
    {
        var rows = new List<ExportBenchRow>();
        var dataRoot = Path.Combine(settings.Folder, "data");
        var disks = Path.Combine(settings.Folder, "disks");
        Directory.CreateDirectory(disks);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHvPersistence(dataRoot);
        builder.Services.AddHvEngine(o =>
        {
            o.DataRoot = dataRoot;
            o.Accelerator = AcceleratorMode.Tcg;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var manager = host.Services.GetRequiredService<VmManager>();
        var exports = host.Services.GetRequiredService<IExportService>();
        try
        {
            var size = settings.SizeGib * 1024L * 1024 * 1024;
            foreach (var (name, written) in new[] { ("dense", size), ("half-sparse", size / 2) })
            {
                var disk = Path.Combine(disks, name + ".qcow2");
                Console.WriteLine($"{name}: writing {written >> 20} MiB of {size >> 20} MiB");
                await RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", disk, size.ToString(CultureInfo.InvariantCulture)]);
                // qemu-io takes at most about 2 GiB per request: 256 MiB writes.
                const long chunk = 256L * 1024 * 1024;
                List<string> io = ["-f", "qcow2"];
                for (var offset = 0L; offset < written; offset += chunk)
                {
                    io.AddRange(["-c", $"write -q -P 0xa5 {offset} {Math.Min(chunk, written - offset)}"]);
                }

                io.Add(disk);
                await RunAsync("qemu-io", io);
                var allocated = new FileInfo(disk).Length;

                var convert = Stopwatch.StartNew();
                var copy = Path.Combine(settings.Folder, name + "-convert.qcow2");
                await RunAsync("qemu-img", ["convert", "-f", "qcow2", "-O", "qcow2", disk, copy]);
                convert.Stop();
                File.Delete(copy);

                var vm = await manager.CreateAsync(new VmCreateRequest { Name = "bench-" + name, Generation = VmGeneration.One, MemoryStartupMb = 128, ExistingDiskPath = disk });
                foreach (var running in new[] { false, true })
                {
                    if (running)
                    {
                        await manager.StartAsync(vm.Id);
                    }

                    var destination = Path.Combine(settings.Folder, $"export-{name}-{(running ? "running" : "off")}");
                    var export = Stopwatch.StartNew();
                    var result = await exports.ExportAsync(vm.Id, new ExportRequest(destination), new Progress<OperationProgress>(), CancellationToken.None);
                    export.Stop();
                    Directory.Delete(result.Folder, recursive: true);
                    rows.Add(new ExportBenchRow(name, running ? "Running" : "Off", allocated, export.Elapsed, convert.Elapsed));
                    Console.WriteLine($"{name} {(running ? "running" : "off")}: export {export.Elapsed.TotalSeconds:0.0} s, convert {convert.Elapsed.TotalSeconds:0.0} s");
                    if (running)
                    {
                        await manager.TurnOffAsync(vm.Id);
                    }
                }

                await manager.DeleteAsync(vm.Id, deleteDisks: false);
                File.Delete(disk);
            }
        }
        finally
        {
            foreach (var vm in manager.List().Where(v => v.State is VmState.Running or VmState.Paused))
            {
                await manager.TurnOffAsync(vm.Id);
            }

            await host.StopAsync();
            if (settings.TemporaryFolder)
            {
                Directory.Delete(settings.Folder, recursive: true);
            }
        }

        return rows;
    }

    public static string ToMarkdown(IEnumerable<ExportBenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| disk | VM | allocated (MB) | export (s) | export (MB/s) | qemu-img convert (s) | convert (MB/s) | export / convert |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Disk} | {r.VmState} | {r.AllocatedBytes / 1e6:0} | {r.Export.TotalSeconds:0.0} | {r.ExportMbPerSecond:0} | {r.Convert.TotalSeconds:0.0} | {r.ConvertMbPerSecond:0} | {r.Ratio:0.00} |");
        }

        return text.ToString();
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, Long, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {result.StandardError}");
        }
    }
}
