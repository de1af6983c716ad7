using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace HvWeb.Bench.Display;

/// <summary>
/// A tiny guest (guest/build.sh's images) in a QEMU of its own under TCG, with its VNC server on a
/// unix socket and its COM1 shell on another; the disk is opened with -snapshot, so nothing is written.
/// </summary>
internal sealed class BenchGuest : IAsyncDisposable
{
    private readonly Process _qemu;
    private readonly string _folder;

    private BenchGuest(Process qemu, string folder, string name)
    {
        _qemu = qemu;
        _folder = folder;
        Name = name;
    }

    public string Name { get; }

    public string VncSocket => Path.Combine(_folder, "vnc.sock");

    private string SerialSocket => Path.Combine(_folder, "serial.sock");

    public string SerialLog => Path.Combine(_folder, "serial.log");

    public int ProcessId => _qemu.Id;

    public static async Task<BenchGuest> BootAsync(string images, bool uefi)
    {
        var folder = Directory.CreateTempSubdirectory("hvweb-bench-").FullName;
        var start = new ProcessStartInfo("qemu-system-x86_64") { RedirectStandardError = true, RedirectStandardOutput = true };
        var args = new List<string> { "-accel", "tcg", "-m", "256", "-nodefaults", "-no-user-config", "-vga", "std", "-display", "none", "-snapshot" };
        if (uefi)
        {
            var vars = Path.Combine(folder, "vars.fd");
            File.Copy("/usr/share/OVMF/OVMF_VARS_4M.fd", vars);
            args.AddRange(["-machine", "q35,pflash0=fw-code,pflash1=fw-vars",
                "-blockdev", "driver=file,node-name=fw-code,filename=/usr/share/OVMF/OVMF_CODE_4M.fd,read-only=on",
                "-blockdev", $"driver=file,node-name=fw-vars,filename={vars}",
                "-drive", $"if=none,id=d0,file={Path.Combine(images, "tiny-uefi.qcow2")},format=qcow2",
                "-device", "virtio-scsi-pci,id=scsi0", "-device", "scsi-hd,bus=scsi0.0,drive=d0"]);
        }
        else
        {
            args.AddRange(["-machine", "pc", "-drive", $"if=ide,file={Path.Combine(images, "tiny-bios.qcow2")},format=qcow2"]);
        }

        args.AddRange(["-vnc", $"unix:{Path.Combine(folder, "vnc.sock")}",
            "-chardev", $"socket,id=com1,path={Path.Combine(folder, "serial.sock")},server=on,wait=off,logfile={Path.Combine(folder, "serial.log")}",
            "-serial", "chardev:com1", "-device", "piix3-usb-uhci,id=usb", "-device", "usb-tablet,bus=usb.0"]);
        if (uefi)
        {
            args[args.IndexOf("piix3-usb-uhci,id=usb")] = "qemu-xhci,id=usb";
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var guest = new BenchGuest(Process.Start(start)!, folder, uefi ? "uefi 1280x800 (fbcon)" : "bios 720x400 (VGA text)");
        await guest.WaitForSerialAsync("HVWEB-READY", 0, TimeSpan.FromSeconds(120));
        return guest;
    }

    public long SerialLength => File.Exists(SerialLog) ? new FileInfo(SerialLog).Length : 0;

    public async Task WaitForSerialAsync(string text, long from, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_qemu.HasExited)
            {
                throw new InvalidOperationException($"QEMU exited: {await _qemu.StandardError.ReadToEndAsync()}");
            }

            if (ReadSerial(from).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"'{text}' did not appear on COM1 within {timeout}.");
    }

    public string ReadSerial(long from)
    {
        if (!File.Exists(SerialLog))
        {
            return "";
        }

        using var stream = new FileStream(SerialLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Runs a shell command on COM1 and waits until it prints its done marker there.</summary>
    public async Task RunAsync(string command, TimeSpan timeout)
    {
        var marker = $"BENCH-DONE-{Guid.NewGuid():N}"[..24];
        var from = SerialLength;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SerialSocket));
        await socket.SendAsync(Encoding.ASCII.GetBytes($"{command}; echo {marker[..11]}''{marker[11..]}\n"));

        // Read what QEMU sends back (the log file has it too): an unread peer stalls the guest's UART.
        using var stop = new CancellationTokenSource();
        var drain = DrainAsync(socket, stop.Token);
        await WaitForSerialAsync(marker, from, timeout);
        await stop.CancelAsync();
        LastDrained = await drain;
    }

    /// <summary>Bytes QEMU sent on the serial socket during the last command.</summary>
    public long LastDrained { get; private set; }

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

    /// <summary>CPU time QEMU has used (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_qemu.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_qemu.HasExited)
        {
            _qemu.Kill();
        }

        await _qemu.WaitForExitAsync();
        _qemu.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
