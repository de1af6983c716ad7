using System.Runtime.Versioning;
using HvWeb.Engine;
using HvWeb.Engine.Host;
using Microsoft.Extensions.Logging.Abstractions;

namespace HvWeb.Tests.Unit.Qemu;

/// <summary>
/// The probe's success path, which these nested hosts cannot show with a real KVM: a fake QEMU
/// prints the ready marker on the "serial" file and then hangs, as a booted guest would.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AcceleratorProbeFakeQemuTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-fakeqemu-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DecideAsync_GuestPrintsReady_ChoosesKvmAndStopsTheProbe()
    {
        if (!CanOpenKvm())
        {
            return; // The probe is never reached on a host without a usable /dev/kvm.
        }

        var fake = WriteFakeQemu();
        var images = Directory.CreateDirectory(Path.Combine(_folder, "images")).FullName;
        File.WriteAllText(Path.Combine(images, "vmlinuz"), "");
        File.WriteAllText(Path.Combine(images, "initrd.img"), "");
        var options = new EngineOptions { QemuBinary = fake, GuestImagesFolder = images, DataRoot = Path.Combine(_folder, "data") };

        var decision = await new AcceleratorProbe(options, NullLogger<AcceleratorProbe>.Instance, TimeProvider.System).DecideAsync(CancellationToken.None);

        Assert.Equal(Accelerator.Kvm, decision.Accelerator);
        Assert.StartsWith("KVM probe guest booted", decision.Reason, StringComparison.Ordinal);
        var pid = int.Parse(File.ReadAllText(Path.Combine(_folder, "fake.pid")).Trim());
        Assert.False(Directory.Exists($"/proc/{pid}"), "the probe QEMU was left running");
    }

    private string WriteFakeQemu()
    {
        var path = Path.Combine(_folder, "qemu-fake");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "QEMU emulator version 99.0.1"; exit 0; fi
            echo $$ > '{{_folder}}/fake.pid'
            for a in "$@"; do
              case "$a" in file,id=serial,path=*) echo "booting... HVWEB-READY" > "${a#file,id=serial,path=}";; esac
            done
            exec sleep 30
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static bool CanOpenKvm()
    {
        try
        {
            using var handle = File.OpenHandle("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
