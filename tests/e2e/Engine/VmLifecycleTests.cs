using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Engine;

/// <summary>A tiny generation 1 guest through every lifecycle operation, on real QEMU (TCG).</summary>
public sealed class VmLifecycleTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lifecycle_TinyGen1Guest_BehavesLikeHyperV()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        Assert.Equal(Accelerator.Tcg, manager.Host.Accelerator);

        var vm = await manager.CreateAsync(new VmCreateRequest
        {
            Name = "life, cycle 01",
            Generation = VmGeneration.One,
            MemoryStartupMb = 256,
            CopyDiskFrom = GuestImages.TinyBios,
        });
        Assert.Equal(VmState.Off, vm.State);
        Assert.True(File.Exists(VmPaths.ConfigFile(vm.Definition)));
        Assert.StartsWith("pc-i440fx-", vm.Definition.MachineType, StringComparison.Ordinal);
        var serial = new SerialLog(VmPaths.SerialLogFile(vm.Definition));

        // Start: Running, the ready marker on COM1, a screen that is not blank.
        await manager.StartAsync(vm.Id);
        Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
        await serial.WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
        var screen = PngImage.Decode(await manager.ScreenshotPngAsync(vm.Id));
        Assert.True(screen.Width >= 640, $"screen is {screen.Width}x{screen.Height}");
        Assert.True(screen.ForegroundShare() > 0.001, "the screenshot is blank");
        Assert.Equal(256, manager.Get(vm.Id).MemoryAssignedMb);

        // Pause / resume: the guest's heartbeat stops while paused.
        await manager.PauseAsync(vm.Id);
        Assert.Equal(VmState.Paused, manager.Get(vm.Id).State);
        var pausedAt = serial.Length;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain("HVWEB-UPTIME", serial.ReadFrom(pausedAt), StringComparison.Ordinal);
        await manager.ResumeAsync(vm.Id);
        Assert.Equal(VmState.Running, manager.Get(vm.Id).State);

        // Save → Saved (no process, a state file); Start → Running with the guest's own uptime continuing.
        var uptimeBeforeSave = await serial.WaitForUptimeAsync(0, Boot, atLeast: 8);
        var pid = manager.Get(vm.Id).ProcessId!.Value;
        var saveProgress = new RecordingProgress<OperationProgress>();
        await manager.SaveAsync(vm.Id, saveProgress);
        var percents = saveProgress.Reports.Select(r => r.Percent).ToList();
        Assert.Equal(100, percents[^1]);
        Assert.Equal(percents.Order(), percents);
        var saved = manager.Get(vm.Id);
        Assert.Equal(VmState.Saved, saved.State);
        Assert.Null(saved.ProcessId);
        Assert.False(LinuxProcess.IsRunning(pid), "QEMU still runs after Save");
        Assert.True(new FileInfo(VmPaths.SavedStateFile(vm.Definition)).Length > 1024 * 1024);
        var restoredAt = serial.Length;
        await manager.StartAsync(vm.Id);
        Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
        var uptimeAfterRestore = await serial.WaitForUptimeAsync(restoredAt, TimeSpan.FromSeconds(20));
        Assert.True(uptimeAfterRestore >= uptimeBeforeSave, $"guest uptime went from {uptimeBeforeSave} to {uptimeAfterRestore}: it rebooted");
        Assert.False(File.Exists(VmPaths.SavedStateFile(vm.Definition)), "the saved state was not removed after the restore");

        // Reset: the guest boots again.
        var resetAt = serial.Length;
        await manager.ResetAsync(vm.Id);
        Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
        await serial.WaitForAsync(SerialLog.ReadyMarker, resetAt, Boot);

        // Delete while running is refused with a sentence; nothing is lost.
        var refused = await Assert.ThrowsAsync<VmStateException>(() => manager.DeleteAsync(vm.Id, deleteDisks: true));
        Assert.Equal("VM 'life, cycle 01' is Running; turn it off before deleting it.", refused.Message);

        // Shut down by ACPI → Stopping → Off.
        await manager.ShutDownAsync(vm.Id);
        await WaitForStateAsync(manager, vm.Id, VmState.Off, TimeSpan.FromSeconds(30));

        // Start again, then Turn Off.
        await manager.StartAsync(vm.Id);
        await manager.TurnOffAsync(vm.Id);
        Assert.Equal(VmState.Off, manager.Get(vm.Id).State);

        // Every state change is in the event log.
        var events = await host.Services.GetRequiredService<IEventLog>().QueryAsync(new EventQuery { VmId = vm.Id });
        Assert.Contains(events, e => e.Message.Contains("was saved", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Message.Contains("was shut down", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Message.Contains("was turned off", StringComparison.Ordinal));

        // Delete keeps the disk unless asked.
        var disk = vm.Definition.Drives.First(d => d.Kind == DriveKind.HardDisk).Path!;
        await manager.DeleteAsync(vm.Id, deleteDisks: false);
        Assert.Throws<VmNotFoundException>(() => manager.Get(vm.Id));
        Assert.True(File.Exists(disk));
        Assert.False(File.Exists(VmPaths.ConfigFile(vm.Definition)));
    }

    [Fact]
    public async Task Start_Gen2TinyUefiGuest_BootsUnderOvmf()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var vm = await host.Manager.CreateAsync(new VmCreateRequest
        {
            Name = "uefi01",
            Generation = VmGeneration.Two,
            MemoryStartupMb = 256,
            CopyDiskFrom = GuestImages.TinyUefi,
        });
        try
        {
            await host.Manager.StartAsync(vm.Id);
            await new SerialLog(VmPaths.SerialLogFile(vm.Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
            Assert.True(File.Exists(VmPaths.FirmwareVarsFile(vm.Definition)));
        }
        finally
        {
            await host.Manager.TurnOffAsync(vm.Id);
        }
    }

    [Fact]
    public async Task Restart_ConsoleWhileVmRuns_ReattachesSameProcess()
    {
        using var data = new TempFolder();
        Guid id;
        int pid;
        await using (var first = await EngineHost.StartAsync(data.Path))
        {
            var vm = await first.Manager.CreateAsync(new VmCreateRequest { Name = "survivor", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
            id = vm.Id;
            await first.Manager.StartAsync(id);
            pid = first.Manager.Get(id).ProcessId!.Value;
        }

        Assert.True(LinuxProcess.IsRunning(pid), "stopping the console killed the VM");
        await using var second = await EngineHost.StartAsync(data.Path);
        var again = second.Manager.Get(id);
        Assert.Equal(VmState.Running, again.State);
        Assert.Equal(pid, again.ProcessId);

        // The re-attached VM is driven as before.
        await second.Manager.PauseAsync(id);
        Assert.Equal(VmState.Paused, second.Manager.Get(id).State);
        await second.Manager.TurnOffAsync(id);
        Assert.False(LinuxProcess.IsRunning(pid));
    }

    [Fact]
    public async Task Start_DiskMissing_StaysOffWithQemusReason()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var vm = await host.Manager.CreateAsync(new VmCreateRequest { Name = "broken", Generation = VmGeneration.One, MemoryStartupMb = 128, NewDiskSizeGb = 1 });
        File.Delete(vm.Definition.Drives.First(d => d.Kind == DriveKind.HardDisk).Path!);

        var error = await Assert.ThrowsAsync<VmOperationException>(() => host.Manager.StartAsync(vm.Id));
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Equal(VmState.Off, host.Manager.Get(vm.Id).State);
        var events = await host.Services.GetRequiredService<IEventLog>().QueryAsync(new EventQuery { VmId = vm.Id, MinimumLevel = EventLevel.Error });
        Assert.Contains(events, e => e.Message.Contains("No such file or directory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_NewFixedDisk_IsPreallocatedAndDeletedOnRequest()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var vm = await host.Manager.CreateAsync(new VmCreateRequest { Name = "fixed", NewDiskSizeGb = 1, NewDiskType = NewDiskType.Fixed, MemoryStartupMb = 128 });
        var disk = vm.Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Path!;
        Assert.Equal(ControllerType.Scsi, vm.Definition.Drives.Single(d => d.Kind == DriveKind.HardDisk).Controller);
        Assert.True(new FileInfo(disk).Length >= 1024L * 1024 * 1024);

        await host.Manager.DeleteAsync(vm.Id, deleteDisks: true);
        Assert.False(File.Exists(disk));
        Assert.False(Directory.Exists(vm.Definition.Folder), "an empty VM folder was left behind");
    }

    [Fact]
    public async Task Create_DiskCopyFails_LeavesNothingBehind()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var garbage = Path.Combine(data.Path, "not-a-disk.vhd");
        await File.WriteAllBytesAsync(garbage, new byte[4096]);

        var error = await Assert.ThrowsAsync<VmOperationException>(() => host.Manager.CreateAsync(new VmCreateRequest { Name = "half", CopyDiskFrom = garbage, MemoryStartupMb = 128 }));
        Assert.Contains("half", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Manager.List());
        Assert.False(Directory.Exists(Path.Combine(host.Manager.Host.DefaultVmFolder, "half")), "a half-created VM folder was left behind");
        Assert.False(File.Exists(Path.Combine(data.Path, "registered-vms.json")) && File.ReadAllText(Path.Combine(data.Path, "registered-vms.json")).Contains("half", StringComparison.Ordinal));
    }

    private static async Task WaitForStateAsync(HvWeb.Engine.Vms.VmManager manager, Guid id, VmState state, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (manager.Get(id).State != state)
        {
            Assert.True(clock.Elapsed < timeout, $"VM is {manager.Get(id).State}, expected {state} within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
