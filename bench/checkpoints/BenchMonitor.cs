using System.Diagnostics;
using System.Net.Sockets;
using HvWeb.Engine.Qemu;

namespace HvWeb.Bench.Checkpoints;

/// <summary>
/// A second QMP monitor on the engine's own VM, for the benchmark only. QEMU serves one client per
/// monitor and the engine holds the VM's <c>qmp.sock</c>, so the bench points the engine's
/// <c>QemuBinary</c> option (an existing setting, no engine change) at a wrapper script that runs
/// qemu-system-x86_64 with the engine's argument list unchanged plus one more <c>-mon</c>. Through it
/// the bench issues raw QMP commands on the same running VM and receives every event (QEMU sends
/// events to each QMP monitor), with QEMU's timestamps: STOP → RESUME is the pause as QEMU saw it.
/// </summary>
internal sealed class BenchMonitor : IAsyncDisposable
{
    private readonly List<QmpEvent> _events = [];
    private readonly Task _pump;

    private BenchMonitor(QmpClient qmp)
    {
        Qmp = qmp;
        _pump = PumpAsync();
    }

    public QmpClient Qmp { get; }

    /// <summary>How many events have arrived so far (a mark for <see cref="PauseMsAsync"/>).</summary>
    public int Mark
    {
        get
        {
            lock (_events)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Writes the wrapper: VM launches (they carry a QMP monitor, "mode=control") get the bench's monitor too; other runs (-version, -machine help) are passed through.</summary>
    public static string WriteWrapper(string folder, string socket)
    {
        if (socket.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')))
        {
            throw new InvalidOperationException($"The bench's socket path '{socket}' has characters that cannot go into a QEMU option.");
        }

        var wrapper = Path.Combine(folder, "qemu-with-bench-monitor");
        File.WriteAllText(wrapper, $"""
            #!/bin/sh
            # bench/checkpoints: the engine's QEMU command line, plus a second QMP monitor for the benchmark.
            case "$*" in
              *mode=control*) exec qemu-system-x86_64 "$@" -chardev socket,id=benchqmp,path={socket},server=on,wait=off -mon chardev=benchqmp,mode=control ;;
            esac
            exec qemu-system-x86_64 "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return wrapper;
    }

    public static async Task<BenchMonitor> ConnectAsync(string socket, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                return new BenchMonitor(await QmpClient.ConnectAsync(socket, cancel.Token));
            }
            catch (SocketException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>HMP through QMP (e.g. <c>qemu-io</c>); HMP answers errors as text, so a non-empty answer is returned for the caller to check.</summary>
    public async Task<string> HmpAsync(string command)
    {
        var reply = await Qmp.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = command });
        return reply.GetString() ?? "";
    }

    /// <summary>The first STOP after <paramref name="mark"/> to the RESUME after it, by QEMU's timestamps; null when the VM was not paused.</summary>
    public async Task<double?> PauseMsAsync(int mark)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            QmpEvent? stop;
            QmpEvent? resume;
            lock (_events)
            {
                var since = _events.Skip(mark).ToList();
                stop = since.FirstOrDefault(e => e.Name == "STOP");
                resume = stop is null ? null : since.Skip(since.IndexOf(stop)).FirstOrDefault(e => e.Name == "RESUME");
            }

            if (stop is null)
            {
                return null;
            }

            if (resume is not null)
            {
                return (resume.Timestamp - stop.Timestamp).TotalMilliseconds;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException("QEMU sent STOP but no RESUME within 5 s.");
            }

            await Task.Delay(10);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var e in Qmp.Events.ReadAllAsync())
        {
            lock (_events)
            {
                _events.Add(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Qmp.DisposeAsync();
        await _pump;
    }
}
