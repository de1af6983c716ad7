using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Engine;

/// <summary>Cancelling a long operation leaves the VM as it was.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Create_FixedDiskCancelledMidway_LeavesNothing()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var progress = new RecordingProgress<HvWeb.Engine.Vms.OperationProgress>();
        using var cancel = new CancellationTokenSource();
        var create = host.Manager.CreateAsync(new VmCreateRequest { Name = "big", NewDiskSizeGb = 8, NewDiskType = NewDiskType.Fixed, MemoryStartupMb = 128 }, progress, cancel.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!progress.Reports.Any(p => p.Percent > 5) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.False(create.IsCompleted, "the 8 GB fixed disk was written before the test could cancel it");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        Assert.Empty(host.Manager.List());
        Assert.False(Directory.Exists(Path.Combine(host.Manager.Host.DefaultVmFolder, "big")), "the cancelled create left files behind");
    }

    [Fact]
    public async Task Save_Cancelled_VmRunsOnOrIsSavedWhole()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var vm = await host.Manager.CreateAsync(new VmCreateRequest { Name = "nosave", Generation = VmGeneration.One, MemoryStartupMb = 1024, CopyDiskFrom = GuestImages.TinyBios });
        var serial = new SerialLog(VmPaths.SerialLogFile(vm.Definition));
        await host.Manager.StartAsync(vm.Id);
        await serial.WaitForAsync(SerialLog.ReadyMarker, 0, TimeSpan.FromSeconds(60));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var cancelled = false;
        try
        {
            await host.Manager.SaveAsync(vm.Id, null, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        var state = host.Manager.Get(vm.Id).State;
        var stateFile = VmPaths.SavedStateFile(vm.Definition);
        Assert.False(File.Exists(stateFile + ".partial"), "a partial saved state was left behind");
        if (cancelled)
        {
            Assert.Equal(VmState.Running, state);
            Assert.False(File.Exists(stateFile));
            var after = serial.Length;
            await serial.WaitForUptimeAsync(after, TimeSpan.FromSeconds(20));
            await host.Manager.TurnOffAsync(vm.Id);
        }
        else
        {
            Assert.Equal(VmState.Saved, state);
            Assert.True(File.Exists(stateFile));
        }
    }
}
