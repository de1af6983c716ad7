using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging.Abstractions;

namespace HvWeb.Tests.E2e.Qemu;

/// <summary>
/// The whole chain on the project's tiny guest: DiskTool copies the image, the builder's command line
/// boots it from its disk (BIOS from IDE, UEFI from SCSI), and the guest reports on COM1's log.
/// </summary>
public sealed class GuestBootTests : IDisposable
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _sockets = new("hvs");
    private readonly TempFolder _vms = new("hvb");

    public void Dispose()
    {
        _sockets.Dispose();
        _vms.Dispose();
    }

    [GuestImagesFact("tiny-bios.qcow2")]
    public Task Gen1_TinyBiosDiskOnIde_BootsToReady() =>
        BootAsync(VmGeneration.One, "tiny-bios.qcow2", ControllerType.Ide);

    [GuestImagesFact("tiny-uefi.qcow2")]
    public Task Gen2_TinyUefiDiskOnScsi_BootsToReady() =>
        BootAsync(VmGeneration.Two, "tiny-uefi.qcow2", ControllerType.Scsi);

    private async Task BootAsync(VmGeneration generation, string image, ControllerType controller)
    {
        var vm = new VmDefinition
        {
            Id = Guid.NewGuid(),
            Name = "tiny, boot",
            Generation = generation,
            MemoryStartupMb = 256,
            CreatedUtc = DateTimeOffset.UnixEpoch,
            Folder = Path.Combine(_vms.Path, "tiny, boot"),
        };
        var disk = Path.Combine(VmPaths.DisksFolder(vm), "tiny.qcow2");
        await new DiskTool(new EngineOptions()).CopyAsync(Path.Combine(GuestImagesFactAttribute.Folder, image), disk, CancellationToken.None);
        vm = vm with
        {
            Drives =
            [
                new DriveDefinition { Controller = controller, Path = disk },
                new DriveDefinition { Controller = controller, ControllerNumber = controller == ControllerType.Ide ? 1 : 0, Location = controller == ControllerType.Ide ? 0 : 1, Kind = DriveKind.Dvd },
            ],
        };
        Directory.CreateDirectory(VmPaths.RuntimeFolder(vm));
        if (generation == VmGeneration.Two)
        {
            File.Copy(new EngineOptions().OvmfVars, VmPaths.FirmwareVarsFile(vm));
        }

        var context = new QemuLaunchContext
        {
            Accelerator = Accelerator.Tcg,
            SocketFolder = Path.Combine(_sockets.Path, "vm"),
            RuntimeFolder = VmPaths.RuntimeFolder(vm),
        };
        int? pid = null;
        try
        {
            pid = await new QemuLauncher(NullLogger<QemuLauncher>.Instance).LaunchAsync(vm, context, CancellationToken.None);
            await using var qmp = await QmpClient.ConnectAsync(VmPaths.QmpSocket(context.SocketFolder), CancellationToken.None);
            await qmp.ExecuteAsync("cont");

            var serialLog = VmPaths.SerialLogFile(vm);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!(File.Exists(serialLog) && (await File.ReadAllTextAsync(serialLog)).Contains("HVWEB-READY", StringComparison.Ordinal)))
            {
                Assert.True(watch.Elapsed < BootTimeout, $"no HVWEB-READY on COM1 after {BootTimeout}: {(File.Exists(serialLog) ? await File.ReadAllTextAsync(serialLog) : "no serial log")}");
                await Task.Delay(200);
            }
        }
        finally
        {
            await QemuKiller.KillAsync(pid);
        }
    }
}
