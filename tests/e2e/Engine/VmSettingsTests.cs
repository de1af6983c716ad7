using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Engine;

/// <summary>The Settings dialog's hardware on real QEMU (TCG) with the tiny guest.</summary>
public sealed partial class VmSettingsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Gen1_LegacyAdapterCom1PipeAndFloppy_Boots()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var floppy = Path.Combine(data.Path, "boot.vfd");
        await using (var file = File.Create(floppy))
        {
            file.SetLength(1474560);
        }

        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "legacy01", Generation = VmGeneration.One, MemoryStartupMb = 256, CopyDiskFrom = GuestImages.TinyBios });
        var legacy = new NetworkAdapterDefinition { Id = Guid.NewGuid(), Name = "Legacy Network Adapter", Legacy = true };
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = [legacy], Com1PipeName = @"\\.\pipe\legacy01-com1", FloppyPath = floppy });
        try
        {
            await manager.StartAsync(vm.Id);
            await new SerialLog(VmPaths.SerialLogFile(vm.Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, Boot);

            // COM1's named pipe is a unix socket that accepts a client while the log still fills.
            using var pipe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await pipe.ConnectAsync(new UnixDomainSocketEndPoint(VmPaths.PipeSocket(VmPaths.SocketFolder(data.Path, vm.Id), "legacy01-com1")));
            Assert.True(pipe.Connected);

            // The dynamic adapter got a Hyper-V address at its first start, kept in the definition.
            var adapter = Assert.Single(manager.Get(vm.Id).Definition.NetworkAdapters);
            Assert.StartsWith("00-15-5D-", adapter.MacAddress, StringComparison.Ordinal);
            var blocks = await manager.QueryAsync(vm.Id, "query-block");
            Assert.Contains(blocks.EnumerateArray(), b => b.TryGetProperty("qdev", out var q) && q.GetString() == "floppy0");
        }
        finally
        {
            await manager.TurnOffAsync(vm.Id);
        }
    }

    [Fact]
    public async Task DynamicMemory_BalloonMovesGuestMemory_LiveChangesAppliedOrRefused()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "dyn01", Generation = VmGeneration.One, MemoryStartupMb = 256, DynamicMemoryEnabled = true, CopyDiskFrom = GuestImages.TinyBios });
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest { MemoryMinimumMb = 128, MemoryMaximumMb = 512, ScsiControllerCount = 1 });
        var serial = new SerialLog(VmPaths.SerialLogFile(vm.Definition));
        try
        {
            await manager.StartAsync(vm.Id);
            await serial.WaitForAsync(SerialLog.ReadyMarker, 0, Boot);

            // Demand of a busybox guest + 20 % is far below the minimum: the balloon takes it to about 128 MB.
            var low = await WaitForMemTotalAsync(serial, kb => kb < 200 * 1024, TimeSpan.FromSeconds(60));
            var snapshot = manager.Get(vm.Id);
            Assert.InRange(snapshot.MemoryAssignedMb, 100, 200);
            Assert.True(snapshot.MemoryDemandMb > 0, "no memory demand from the balloon statistics");
            // The tiny guest runs the QEMU guest agent: the heartbeat gets an answer once it has started.
            for (var wait = System.Diagnostics.Stopwatch.StartNew(); manager.Get(vm.Id).Heartbeat != "OK" && wait.Elapsed < TimeSpan.FromSeconds(60);)
            {
                await Task.Delay(200);
            }

            Assert.Equal("OK", manager.Get(vm.Id).Heartbeat);

            // Buffer and weight are taken while running; a large buffer gives the guest memory back.
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { MemoryBufferPercent = 2000, MemoryWeight = 8000 });
            var high = await WaitForMemTotalAsync(serial, kb => kb > low + 100 * 1024, TimeSpan.FromSeconds(60));
            Assert.True(high > low);
            output.WriteLine($"Guest MemTotal: {low} kB with buffer 20 % (assigned {snapshot.MemoryAssignedMb} MB, demand {snapshot.MemoryDemandMb} MB), {high} kB with buffer 2000 %; heartbeat '{snapshot.Heartbeat}'.");

            // Startup memory is not.
            var refused = await Assert.ThrowsAsync<VmStateException>(() => manager.UpdateAsync(vm.Id, new VmUpdateRequest { MemoryStartupMb = 384 }));
            Assert.Equal("The startup memory of 'dyn01' cannot be changed while it is running; turn it off first.", refused.Message);
            Assert.Equal(256, manager.Get(vm.Id).Definition.MemoryStartupMb);

            // A SCSI hard disk is hot-plugged and removed while running.
            var disk = Path.Combine(data.Path, "data.qcow2");
            await RunAsync("qemu-img", "create", "-f", "qcow2", disk, "16M");
            var before = manager.Get(vm.Id).Definition.Drives;
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { Drives = [.. before, new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 0, Location = 0, Path = disk }] });
            Assert.True(await HasDeviceAsync(manager, vm.Id, "scsi0-0"), "the hot-plugged disk is not in query-block");
            Assert.Contains(manager.Get(vm.Id).Definition.Drives, d => d.Path == disk);
            await manager.UpdateAsync(vm.Id, new VmUpdateRequest { Drives = before });
            Assert.False(await HasDeviceAsync(manager, vm.Id, "scsi0-0"), "the removed disk is still in query-block");
        }
        finally
        {
            await manager.TurnOffAsync(vm.Id);
        }
    }

    [Fact]
    public async Task Gen2_SecureBootCompatibilityScsiControllersAndAdapters_QemuRunsThem()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var vm = await manager.CreateAsync(new VmCreateRequest { Name = "secure01", Generation = VmGeneration.Two, MemoryStartupMb = 256, CopyDiskFrom = GuestImages.TinyUefi });
        var adapters = manager.Get(vm.Id).Definition.NetworkAdapters;
        await manager.UpdateAsync(vm.Id, new VmUpdateRequest
        {
            SecureBoot = true,
            ProcessorCompatibilityForMigration = true,
            ScsiControllerCount = 3,
            NetworkAdapters = [.. adapters, new NetworkAdapterDefinition { Id = Guid.NewGuid(), StaticMacAddress = true, MacAddress = "00-15-5D-AA-BB-CC" }],
        });
        // The variable store now has Microsoft's keys (the ms template), as Hyper-V's Secure Boot template.
        Assert.Equal(new FileInfo("/usr/share/OVMF/OVMF_VARS_4M.ms.fd").Length, new FileInfo(VmPaths.FirmwareVarsFile(vm.Definition)).Length);
        try
        {
            await manager.StartAsync(vm.Id);
            Assert.Equal(VmState.Running, manager.Get(vm.Id).State);
            var blocks = await manager.QueryAsync(vm.Id, "query-pci");
            var text = blocks.ToString();
            Assert.Equal(2, Regex.Count(text, "\"qdev_id\": ?\"net[01]\""));
            Assert.Equal(3, Regex.Count(text, "\"qdev_id\": ?\"scsi[0-2]\""));
        }
        finally
        {
            await manager.TurnOffAsync(vm.Id);
        }
    }

    private static async Task<bool> HasDeviceAsync(VmManager manager, Guid id, string device)
    {
        var blocks = await manager.QueryAsync(id, "query-block");
        return blocks.EnumerateArray().Any(b => b.TryGetProperty("qdev", out var q) && q.GetString() == device);
    }

    private static async Task<long> WaitForMemTotalAsync(SerialLog serial, Func<long, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var matches = MemTotalLine().Matches(serial.ReadFrom(0));
            if (matches.Count > 0 && long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture) is var kb && condition(kb))
            {
                return kb;
            }

            await Task.Delay(500);
        }

        var seen = string.Join(", ", MemTotalLine().Matches(serial.ReadFrom(0)).Select(m => m.Groups[1].Value).TakeLast(10));
        throw new TimeoutException($"The guest's MemTotal did not reach the expected value within {timeout.TotalSeconds} s; last values (kB): {seen}");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }

    [GeneratedRegex(@"HVWEB-MEMTOTAL ([0-9]+)")]
    private static partial Regex MemTotalLine();
}
