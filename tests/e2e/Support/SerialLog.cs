using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HvWeb.Tests.E2e.Support;

/// <summary>Reads what a guest wrote on COM1 (the VM's serial.log) and waits for lines in it.</summary>
public sealed partial class SerialLog(string file)
{
    public const string ReadyMarker = "HVWEB-READY";

    /// <summary>Bytes written so far; pass it to a later wait to look only at newer output.</summary>
    public long Length => File.Exists(file) ? new FileInfo(file).Length : 0;

    public string ReadFrom(long offset)
    {
        if (!File.Exists(file))
        {
            return "";
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task WaitForAsync(string text, long fromOffset, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (ReadFrom(fromOffset).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"'{text}' did not appear on the serial port within {timeout.TotalSeconds} s. Output:\n{ReadFrom(fromOffset)}");
    }

    /// <summary>The guest's own uptime from its newest HVWEB-UPTIME heartbeat after the offset.</summary>
    public double? LastUptime(long fromOffset)
    {
        var matches = UptimeLine().Matches(ReadFrom(fromOffset));
        return matches.Count == 0 ? null : double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public async Task<double> WaitForUptimeAsync(long fromOffset, TimeSpan timeout, double atLeast = 0)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (LastUptime(fromOffset) is { } uptime && uptime >= atLeast)
            {
                return uptime;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No HVWEB-UPTIME heartbeat >= {atLeast} within {timeout.TotalSeconds} s. Output:\n{ReadFrom(fromOffset)}");
    }

    [GeneratedRegex(@"HVWEB-UPTIME ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex UptimeLine();
}
