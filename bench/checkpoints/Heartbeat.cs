using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace HvWeb.Bench.Checkpoints;

/// <summary>
/// The guest's heartbeat: a busybox shell loop on COM1 prints the guest's uptime every 10 ms
/// (<c>read</c> and <c>echo</c> are shell builtins; <c>usleep</c> is the only process); the bench
/// reads the serial socket and stamps each line with the host's clock when it arrives. The longest
/// gap between two lines during an operation is how long the guest was stopped, seen from outside.
/// The guest's own uptime across that gap says whether the guest noticed (under TCG its clocks
/// stop while QEMU is paused).
/// </summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    private const string Loop = "while :; do read u i < /proc/uptime; echo \"HB $u\"; usleep 10000; done";

    private readonly Socket _socket;
    private readonly Stopwatch _clock;
    private readonly List<Beat> _beats = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private Heartbeat(Socket socket, Stopwatch clock)
    {
        _socket = socket;
        _clock = clock;
        _reader = ReadAsync();
    }

    public readonly record struct Beat(double HostMs, double GuestMs);

    public readonly record struct Gap(double HostMs, double GuestMs);

    public int Count
    {
        get
        {
            lock (_beats)
            {
                return _beats.Count;
            }
        }
    }

    /// <summary>Connects to COM1, starts the loop (retyped until beats come: the shell may not be up yet) and waits for the first beats.</summary>
    public static async Task<Heartbeat> StartAsync(string serialSocket, Stopwatch clock, TimeSpan timeout)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(serialSocket));
        var heartbeat = new Heartbeat(socket, clock);
        var started = Stopwatch.StartNew();
        while (heartbeat.Count < 50)
        {
            if (started.Elapsed > timeout)
            {
                await heartbeat.DisposeAsync();
                throw new TimeoutException("The guest's heartbeat did not start on COM1.");
            }

            if (heartbeat.Count == 0)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(Loop + "\n"));
            }

            await Task.Delay(3000);
        }

        return heartbeat;
    }

    /// <summary>The longest gap between consecutive beats that overlaps [from, to] (host milliseconds of the shared clock).</summary>
    public Gap LongestGap(double fromMs, double toMs)
    {
        var gaps = Gaps(fromMs, toMs);
        return gaps.Count == 0 ? new Gap(0, 0) : gaps.MaxBy(g => g.HostMs);
    }

    public List<Gap> Gaps(double fromMs, double toMs)
    {
        Beat[] beats;
        lock (_beats)
        {
            beats = [.. _beats];
        }

        var gaps = new List<Gap>();
        for (var i = 1; i < beats.Length; i++)
        {
            if (beats[i].HostMs >= fromMs && beats[i - 1].HostMs <= toMs)
            {
                gaps.Add(new Gap(beats[i].HostMs - beats[i - 1].HostMs, beats[i].GuestMs - beats[i - 1].GuestMs));
            }
        }

        return gaps;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4096];
        var line = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                var now = _clock.Elapsed.TotalMilliseconds;
                foreach (var c in Encoding.ASCII.GetString(buffer, 0, read))
                {
                    if (c != '\n')
                    {
                        line.Append(c);
                        continue;
                    }

                    var text = line.ToString().Trim();
                    line.Clear();
                    if (text.StartsWith("HB ", StringComparison.Ordinal)
                        && double.TryParse(text.AsSpan(3), NumberStyles.Float, CultureInfo.InvariantCulture, out var uptime))
                    {
                        lock (_beats)
                        {
                            _beats.Add(new Beat(now, uptime * 1000));
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the VM was turned off.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _socket.Dispose();
        _stop.Dispose();
    }
}
