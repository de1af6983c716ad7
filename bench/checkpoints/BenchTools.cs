using System.Globalization;
using HvWeb.Engine.Host;
using HvWeb.Engine.Qemu;

namespace HvWeb.Bench.Checkpoints;

/// <summary>qemu-img with an argument list, the node QEMU reads a drive from, ratios and the machine's description.</summary>
internal static class BenchTools
{
    public static async Task QemuImgAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("qemu-img", arguments, TimeSpan.FromMinutes(2), CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"qemu-img {string.Join(' ', arguments)}: {result.StandardError}");
        }
    }

    public static async Task<string> TopNodeAsync(QmpClient qmp, string device)
    {
        var blocks = await qmp.ExecuteAsync("query-block");
        foreach (var block in blocks.EnumerateArray())
        {
            var qdev = block.TryGetProperty("qdev", out var q) ? q.GetString() ?? "" : "";
            if ((qdev == device || qdev.Contains("/" + device, StringComparison.Ordinal)) && block.TryGetProperty("inserted", out var inserted))
            {
                return inserted.GetProperty("node-name").GetString()!;
            }
        }

        throw new InvalidOperationException($"QEMU has no disk on {device}.");
    }

    public static string Ratio(Series a, Series b) => (a.Median / b.Median).ToString("0.00", CultureInfo.InvariantCulture);

    public static async Task<string> MachineAsync()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var qemu = await ProcessRunner.RunAsync("qemu-system-x86_64", ["--version"], TimeSpan.FromSeconds(10), CancellationToken.None);
        return $"{Environment.ProcessorCount} cores, {cpu}, {qemu.StandardOutput.Split('\n')[0].Trim()}";
    }
}
