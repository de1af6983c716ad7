using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace HvWeb.Bench.Display;

/// <summary>The tiny guest's COM1: its shell (a unix socket) and everything it wrote (the log file).</summary>
internal sealed class GuestSerial(string socketPath, string logPath)
{
    public long Length => File.Exists(logPath) ? new FileInfo(logPath).Length : 0;

    /// <summary>Bytes QEMU sent on the serial socket during the last command.</summary>
    public long LastDrained { get; private set; }

    public async Task WaitForAsync(string text, long from, TimeSpan timeout, Func<bool>? alive = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (alive is not null && !alive())
            {
                throw new InvalidOperationException("The guest's QEMU exited.");
            }

            if (Read(from).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"'{text}' did not appear on COM1 within {timeout}.");
    }

    public string Read(long from)
    {
        if (!File.Exists(logPath))
        {
            return "";
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Runs a shell command on COM1 and waits until it prints its done marker there.</summary>
    public async Task RunAsync(string command, TimeSpan timeout)
    {
        var marker = $"BENCH-DONE-{Guid.NewGuid():N}"[..24];
        var from = Length;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        // The marker is split by quotes in the command, so the shell's echo of the command line never matches it.
        await socket.SendAsync(Encoding.ASCII.GetBytes($"{command}; echo {marker[..11]}''{marker[11..]}\n"));

        // Read what QEMU sends back (the log file has it too): an unread peer stalls the guest's UART.
        using var stop = new CancellationTokenSource();
        var drain = DrainAsync(socket, stop.Token);
        await WaitForAsync(marker, from, timeout);
        await stop.CancelAsync();
        LastDrained = await drain;
    }

    private static async Task<long> DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        long total = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return total;
                }

                total += read;
            }
        }
        catch (OperationCanceledException)
        {
            return total;
        }
    }
}
