using System.Diagnostics;

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
        await guest.Serial.WaitForAsync("HVWEB-READY", 0, TimeSpan.FromSeconds(120), () => !guest._qemu.HasExited);
        return guest;
    }

    public GuestSerial Serial => new(SerialSocket, SerialLog);

    /// <summary>CPU time QEMU has used (user + system), from /proc.</summary>
    public TimeSpan CpuTime() => ProcessCpu.Of(_qemu.Id);

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
