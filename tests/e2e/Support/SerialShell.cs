using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using HvWeb.Engine.Model;
using HvWeb.Engine.Host;

namespace HvWeb.Tests.E2e.Support;

/// <summary>
/// The tiny guest's shell on COM1: lines typed into the VM's serial socket, answers read from its
/// serial.log. Expect text that the typed line does not contain itself (the shell echoes input),
/// e.g. <c>echo V-IS-$V</c> and wait for <c>V-IS-alpha</c>.
/// </summary>
public sealed class SerialShell(string socketPath, SerialLog log)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public SerialLog Log { get; } = log;

    public static SerialShell For(string dataRoot, VmDefinition vm) =>
        new(VmPaths.SerialSocket(VmPaths.SocketFolder(dataRoot, vm.Id)), new SerialLog(VmPaths.SerialLogFile(vm)));

    /// <summary>
    /// Waits for HVWEB-READY, then until the shell answers: input typed before busybox init has
    /// started the shell on COM1 may be lost, so a probe is retyped until it comes back.
    /// </summary>
    public async Task WaitForShellAsync(TimeSpan bootTimeout)
    {
        await Log.WaitForAsync(SerialLog.ReadyMarker, 0, bootTimeout);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await TypeAsync("echo SHELL-$((20+1))-UP", "SHELL-21-UP", TimeSpan.FromSeconds(3));
                return;
            }
            catch (TimeoutException) when (clock.Elapsed < DefaultTimeout)
            {
            }
        }
    }

    /// <summary>Types a line and waits for <paramref name="expect"/> in the output after it.</summary>
    public async Task TypeAsync(string line, string expect, TimeSpan? timeout = null)
    {
        var from = Log.Length;
        using var socket = await SendAsync(line);
        await Log.WaitForAsync(expect, from, timeout ?? DefaultTimeout);
    }

    /// <summary>Types a line and returns which of <paramref name="answers"/> appears first after it.</summary>
    public async Task<string> TypeAsync(string line, IReadOnlyList<string> answers, TimeSpan? timeout = null)
    {
        var from = Log.Length;
        using var socket = await SendAsync(line);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var output = Log.ReadFrom(from);
            if (answers.FirstOrDefault(a => output.Contains(a, StringComparison.Ordinal)) is { } answer)
            {
                return answer;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"None of {string.Join(", ", answers)} appeared on the serial port within {limit.TotalSeconds} s after '{line}'. Output:\n{Log.ReadFrom(from)}");
    }

    /// <summary>
    /// Sends the line and returns the open connection: the caller keeps it until the answer came, as
    /// QEMU drops what it has not yet fed into the guest's UART (16 bytes at a time) when the client hangs up.
    /// </summary>
    private async Task<Socket> SendAsync(string line)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            await socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
