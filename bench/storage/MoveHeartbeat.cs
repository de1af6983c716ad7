using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace HvWeb.Bench.StorageMove;

/// <summary>
/// The guest's COM1 shell over the VM's serial socket: a line typed in, and every "hb N" line the
/// guest prints timestamped on arrival (a busybox loop printing a counter every 10 ms). The longest
/// gap between two heartbeats in a window is the guest's longest pause there, as the guest lives it.
/// </summary>
internal sealed partial class Heartbeat : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<(long Ticks, int Counter)> _beats = [];
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private Heartbeat(Socket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<Heartbeat> ConnectAsync(string serialSocket)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(serialSocket));
        return new Heartbeat(socket);
    }

    public static long Now => Stopwatch.GetTimestamp();

    public async Task TypeAsync(string line) => await _socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None);

    /// <summary>Types <paramref name="line"/> until <paramref name="expect"/> comes back (the shell may not be up yet).</summary>
    public async Task WaitForShellAsync(string line, string expect, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await TypeAsync(line);
            await Task.Delay(1000);
            lock (_text)
            {
                if (_text.ToString().Contains(expect, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }

        throw new TimeoutException($"The guest's shell did not answer '{expect}' within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>The longest gap between consecutive heartbeats that arrived between <paramref name="from"/> and <paramref name="to"/> (ms), and how many arrived.</summary>
    public (double LongestGapMs, int Beats) Window(long from, long to)
    {
        lock (_beats)
        {
            var inside = _beats.Where(b => b.Ticks >= from && b.Ticks <= to).ToList();
            var longest = 0.0;
            for (var i = 1; i < inside.Count; i++)
            {
                longest = Math.Max(longest, Stopwatch.GetElapsedTime(inside[i - 1].Ticks, inside[i].Ticks).TotalMilliseconds);
            }

            return (longest, inside.Count);
        }
    }

    /// <summary>The longest gap between heartbeats from the last one before <paramref name="from"/> to the first one after <paramref name="to"/> (ms).</summary>
    public double GapAround(long from, long to)
    {
        lock (_beats)
        {
            var before = _beats.LastOrDefault(b => b.Ticks < from).Ticks;
            var after = _beats.FirstOrDefault(b => b.Ticks > to).Ticks;
            return before == 0 || after == 0 ? double.NaN : Window(before, after).LongestGapMs;
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4096];
        var line = new StringBuilder();
        while (!_stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            var now = Now;
            foreach (var c in Encoding.ASCII.GetString(buffer, 0, read))
            {
                if (c != '\n')
                {
                    line.Append(c);
                    continue;
                }

                var text = line.ToString().Trim('\r', ' ');
                line.Clear();
                lock (_text)
                {
                    _text.AppendLine(text);
                }

                if (BeatLine().Match(text) is { Success: true } m)
                {
                    lock (_beats)
                    {
                        _beats.Add((now, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^hb (\d+)$")]
    private static partial Regex BeatLine();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _reader;
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
