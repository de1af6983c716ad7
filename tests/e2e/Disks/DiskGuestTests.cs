using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Disks;

/// <summary>Edit Disk seen from a real guest: the tiny guest reads its disk's size from its own kernel (/sys/block).</summary>
public sealed class DiskGuestTests
{
    private const long MiB = 1L << 20;
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Expand_VmOff_GuestSeesTheNewSizeAndItsFilesAndRunningVmIsRefused()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var disks = host.Services.GetRequiredService<IDiskService>();
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "grow", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
        var disk = vm.Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;
        var before = (await disks.InspectAsync(disk, CancellationToken.None)).MaximumSizeBytes;
        var expand = new EditDiskRequest { Path = disk, Action = DiskAction.Expand, NewSizeBytes = before + (32 * MiB) };
        var shell = SerialShell.For(data.Path, vm.Definition);
        try
        {
            // Off: Expand (Edit Disk) grows the VM's qcow2 disk.
            await disks.ValidateEditAsync(expand, CancellationToken.None);
            await disks.EditAsync(expand, new RecordingProgress<OperationProgress>(), CancellationToken.None);
            Assert.Equal(before + (32 * MiB), (await disks.InspectAsync(disk, CancellationToken.None)).MaximumSizeBytes);

            // The guest's kernel sees the new size (in 512-byte sectors), and its data partition still mounts.
            await manager.StartAsync(vm.Id);
            await shell.WaitForShellAsync(Boot);
            await shell.Log.WaitForAsync("HVWEB-DATA /data", 0, Boot);
            var sectors = (before + (32 * MiB)) / 512;
            await shell.TypeAsync("echo SIZE-$(cat /sys/block/sda/size)-END", $"SIZE-{sectors}-END");

            // Running: the disk is in use, Expand is refused before anything is written.
            var refused = await Assert.ThrowsAsync<VmStateException>(() => disks.ValidateEditAsync(expand with { NewSizeBytes = before + (64 * MiB) }, CancellationToken.None));
            Assert.Equal($"The disk '{disk}' is in use by virtual machine 'grow', which is Running. Turn the VM off first.", refused.Message);
            Assert.Equal(before + (32 * MiB), (await disks.InspectAsync(disk, CancellationToken.None)).MaximumSizeBytes);
        }
        finally
        {
            if (manager.Get(vm.Id).State is VmState.Running or VmState.Paused)
            {
                await manager.TurnOffAsync(vm.Id);
            }
        }
    }
}
