using System.Diagnostics;
using System.Net.Sockets;
using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.E2e.Qemu;

/// <summary>
/// A bare paused QEMU (no disks, no display) with a QMP socket, as a child of the test process; killed on dispose.
/// </summary>
internal sealed class QmpTestVm : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Process _process;

    public QmpTestVm()
    {
        SocketPath = _folder.File("qmp.sock");
        var info = new ProcessStartInfo("qemu-system-x86_64") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-machine", "pc,accel=tcg", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none", "-S",
                     "-qmp", $"unix:{SocketPath},server=on,wait=off"])
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
    }

    public string SocketPath { get; }

    public Process Process => _process;

    public async Task<QmpClient> ConnectAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                return await QmpClient.ConnectAsync(SocketPath, timeout.Token);
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _folder.Dispose();
    }
}
