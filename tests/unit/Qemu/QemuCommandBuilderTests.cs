using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class QemuCommandBuilderTests
{
    [Fact]
    public void Build_Generation2WithIdeDrive_Throws()
    {
        var vm = TestVm.Create(VmGeneration.Two, TestVm.Disk(ControllerType.Ide, 0, 0, "/d.qcow2"));

        Assert.Throws<ArgumentException>(() => QemuCommandBuilder.Build(vm, TestVm.Context()));
    }

    [Fact]
    public void Build_Always_StartsWithBinaryAndStartsPaused()
    {
        var args = QemuCommandBuilder.Build(TestVm.Create(VmGeneration.One), TestVm.Context() with { QemuBinary = "/opt/qemu" });

        Assert.Equal("/opt/qemu", args[0]);
        Assert.Contains("-S", args);
        Assert.Contains("-daemonize", args);
        Assert.DoesNotContain("-incoming", args);
    }

    [Fact]
    public void Build_Tcg_HasNoCpuModel()
    {
        var args = QemuCommandBuilder.Build(TestVm.Create(VmGeneration.Two), TestVm.Context(Accelerator.Tcg));

        Assert.DoesNotContain("-cpu", args);
        Assert.Contains("q35,accel=tcg,pflash0=fw-code,pflash1=fw-vars", args);
    }

    [Fact]
    public void Build_BootOrderHardDriveFirst_DiskGetsIndex1AndDvdIndex2()
    {
        var vm = TestVm.Create(
            VmGeneration.One,
            TestVm.Dvd(ControllerType.Ide, 1, 0, "/iso/setup.iso"),
            TestVm.Disk(ControllerType.Ide, 0, 0, "/d.qcow2")) with
        {
            BootOrder = [BootDevice.Network, BootDevice.HardDrive, BootDevice.Floppy, BootDevice.Cd],
        };

        var devices = DevicesOf(QemuCommandBuilder.Build(vm, TestVm.Context()));

        Assert.Contains(devices, d => d.Contains("\"id\":\"ide0-0\",\"bootindex\":1", StringComparison.Ordinal));
        Assert.Contains(devices, d => d.Contains("\"id\":\"ide1-0\",\"bootindex\":2", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_BootOrderWithoutCd_DvdHasNoBootIndex()
    {
        var vm = TestVm.Create(VmGeneration.Two, TestVm.Dvd(ControllerType.Scsi, 0, 1)) with { BootOrder = [BootDevice.HardDrive] };

        var dvd = Assert.Single(DevicesOf(QemuCommandBuilder.Build(vm, TestVm.Context())), d => d.Contains("scsi-cd", StringComparison.Ordinal));

        Assert.DoesNotContain("bootindex", dvd, StringComparison.Ordinal);
        Assert.DoesNotContain("\"drive\"", dvd, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PathWithQuoteAndBackslash_IsValidJson()
    {
        var vm = TestVm.Create(VmGeneration.Two, TestVm.Disk(ControllerType.Scsi, 0, 0, "/vms/a \"b\\c\", é.qcow2"));

        var args = QemuCommandBuilder.Build(vm, TestVm.Context());
        var fileNode = args.Single(a => a.Contains("scsi0-0-file\",", StringComparison.Ordinal) && a.Contains("\"driver\":\"file\"", StringComparison.Ordinal));

        using var json = System.Text.Json.JsonDocument.Parse(fileNode);
        Assert.Equal("/vms/a \"b\\c\", é.qcow2", json.RootElement.GetProperty("filename").GetString());
    }

    private static List<string> DevicesOf(IReadOnlyList<string> args) =>
        args.Where((_, i) => i > 0 && args[i - 1] == "-device").ToList();
}
