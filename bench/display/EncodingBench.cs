using System.Diagnostics;
using System.Globalization;
using HvWeb.Display;
using HvWeb.Display.Rfb;

namespace HvWeb.Bench.Display;

/// <summary>
/// Which RFB encoding is best on QEMU's local unix socket: the same guest workload once per
/// encoding, measuring bytes, updates, QEMU's CPU (it compresses) and this process's CPU (it decodes).
/// </summary>
internal static class EncodingBench
{
    private const string ScrollText = "The quick brown fox jumps over the lazy dog. 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static readonly (string Name, int? Level)[] Variants =
    [
        ("raw", null), ("hextile", null), ("zlib", null), ("zrle", null), ("tight", null),
        ("zlib", 1), ("zrle", 1), ("tight", 1),
    ];

    public static async Task RunAsync(string images, TextWriter output, string? only = null)
    {
        output.WriteLine("| guest | workload | encoding | updates | KiB received | KiB / update | QEMU CPU ms | client CPU ms | wall s |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var uefi in new[] { false, true })
        {
            await using var guest = await BenchGuest.BootAsync(images, uefi);
            var workloads = new List<(string Name, string Command)>
            {
                // 50 new lines per second on the VGA console (tty1): steady scrolling, different text every run.
                ("scroll 50 lines/s for 4 s", $"i=0; while [ $i -lt 200 ]; do echo \"$RANDOM $i: {ScrollText}\" > /dev/tty1; usleep 20000; i=$((i+1)); done"),
            };
            if (uefi)
            {
                // Photo-like worst case: 256 KiB of random pixels (a 1280x51 band) 20 times per second for 2 s.
                workloads.Add(("noise 256 KiB x 40 to /dev/fb0", "i=0; while [ $i -lt 40 ]; do dd if=/dev/urandom of=/dev/fb0 bs=4096 count=64 seek=$(( (i * 64) % 960 )) 2>/dev/null; usleep 50000; i=$((i+1)); done"));
            }

            foreach (var (workload, command) in workloads)
            {
                foreach (var (encoding, level) in Variants.Where(v => only is null || only.Split(',').Contains(v.Name)))
                {
                    await Console.Error.WriteLineAsync($"{guest.Name}: {workload}: {encoding} {level}");
                    var row = await MeasureAsync(guest, command, encoding, level);
                    output.WriteLine($"| {guest.Name} | {workload} | {row}");
                    await output.FlushAsync();
                }
            }
        }
    }

    private static async Task<string> MeasureAsync(BenchGuest guest, string command, string encoding, int? level)
    {
        var options = new RfbClientOptions { Encodings = [RfbEncoding.Parse(encoding)], CompressionLevel = level };
        await using var stream = await DisplaySource.UnixSocket(guest.VncSocket)(CancellationToken.None);
        await using var client = await RfbClient.ConnectAsync(stream, options, CancellationToken.None);
        var sink = new CountingSink();
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(sink, stop.Token);
        await WaitForQuietAsync(sink);

        var self = Process.GetCurrentProcess();
        var (updates, bytes, qemuCpu, ownCpu) = (sink.Updates, client.BytesRead, guest.CpuTime(), self.TotalProcessorTime);
        var clock = Stopwatch.StartNew();
        await guest.Serial.RunAsync(command, TimeSpan.FromMinutes(5));
                await WaitForQuietAsync(sink);
        clock.Stop();
        self.Refresh();
        updates = sink.Updates - updates;
        bytes = client.BytesRead - bytes;
        qemuCpu = guest.CpuTime() - qemuCpu;
        ownCpu = self.TotalProcessorTime - ownCpu;

        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        var name = level is { } l ? $"{encoding} (level {l})" : encoding;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} | {updates} | {bytes / 1024.0:0} | {bytes / 1024.0 / Math.Max(1, updates):0.0} | {qemuCpu.TotalMilliseconds:0} | {ownCpu.TotalMilliseconds:0} | {clock.Elapsed.TotalSeconds:0.0} |");
    }

    /// <summary>
    /// Waits for the first picture, then a fixed second: the screen is never fully quiet (QEMU
    /// redraws the blinking text cursor), so the settle time is the same for every encoding.
    /// </summary>
    private static async Task WaitForQuietAsync(CountingSink sink)
    {
        while (sink.Updates == 0)
        {
            await Task.Delay(20);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
    }
}
