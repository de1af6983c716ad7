using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging.Abstractions;

namespace HvWeb.Tests.E2e.Qemu;

public sealed class QemuLauncherTests : IDisposable
{
    private readonly TempFolder _sockets = new("hvs");
    private readonly TempFolder _vms = new("hvv");
    private readonly QemuLauncher _launcher = new(NullLogger<QemuLauncher>.Instance);

    public void Dispose()
    {
        _sockets.Dispose();
        _vms.Dispose();
    }

    [Fact]
    public async Task LaunchAsync_Gen1WithoutDisks_DaemonRunsAndQmpConnects()
    {
        var vm = NewVm(VmGeneration.One, "plain");
        int? pid = null;
        try
        {
            pid = await _launcher.LaunchAsync(vm, Context(vm), CancellationToken.None);

            Assert.True(new ProcessStatsReader().IsAlive(pid.Value));
            // Daemonized into its own session, not our child: it outlives the host process.
            Assert.NotEqual(SessionOf(Environment.ProcessId), SessionOf(pid.Value));
            Assert.NotEqual(Environment.ProcessId.ToString(), ParentOf(pid.Value));
            await using var qmp = await QmpClient.ConnectAsync(VmPaths.QmpSocket(Context(vm).SocketFolder), CancellationToken.None);
            Assert.Equal("prelaunch", (await qmp.ExecuteAsync("query-status")).GetProperty("status").GetString());
            await qmp.ExecuteAsync("quit");
            Assert.True(await QemuKiller.WaitForExitAsync(pid.Value, TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await QemuKiller.KillAsync(pid);
        }
    }

    [Fact]
    public async Task LaunchAsync_Gen2WithDiskAndIsoInFolderWithCommaAndSpace_StartsWithEveryDrive()
    {
        var vm = NewVm(VmGeneration.Two, "Lab, week 1");
        var disk = Path.Combine(VmPaths.DisksFolder(vm), "Lab, week 1.qcow2");
        await new DiskTool(new EngineOptions()).CreateAsync(disk, 64L << 20, NewDiskType.Dynamic, CancellationToken.None);
        var iso = Path.Combine(vm.Folder, "tools, v2.iso");
        await File.WriteAllBytesAsync(iso, new byte[1 << 20]);
        vm = vm with
        {
            Drives =
            [
                new DriveDefinition { Controller = ControllerType.Scsi, Location = 0, Path = disk },
                new DriveDefinition { Controller = ControllerType.Scsi, Location = 1, Kind = DriveKind.Dvd, Path = iso },
                new DriveDefinition { Controller = ControllerType.Scsi, Location = 2, Kind = DriveKind.Dvd },
            ],
        };
        Directory.CreateDirectory(VmPaths.RuntimeFolder(vm));
        File.Copy(new EngineOptions().OvmfVars, VmPaths.FirmwareVarsFile(vm));
        int? pid = null;
        try
        {
            pid = await _launcher.LaunchAsync(vm, Context(vm), CancellationToken.None);
            await using var qmp = await QmpClient.ConnectAsync(VmPaths.QmpSocket(Context(vm).SocketFolder), CancellationToken.None);

            var devices = (await qmp.ExecuteAsync("query-block")).EnumerateArray()
                .Select(b => b.TryGetProperty("qdev", out var q) ? q.GetString() : null).ToList();
            Assert.Contains(devices, d => d is not null && d.Contains("scsi0-0", StringComparison.Ordinal));
            Assert.Contains(devices, d => d is not null && d.Contains("scsi0-1", StringComparison.Ordinal));
            Assert.Contains(devices, d => d is not null && d.Contains("scsi0-2", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(VmPaths.RuntimeFolder(vm), "serial.log")));
        }
        finally
        {
            await QemuKiller.KillAsync(pid);
        }
    }

    [Fact]
    public async Task LaunchAsync_MissingDisk_ThrowsWithQemusWords()
    {
        var vm = NewVm(VmGeneration.One, "broken") with
        {
            Drives = [new DriveDefinition { Controller = ControllerType.Ide, Path = "/nonexistent/hvweb, missing.qcow2" }],
        };

        var error = await Assert.ThrowsAsync<VmOperationException>(() => _launcher.LaunchAsync(vm, Context(vm), CancellationToken.None));

        Assert.Contains("Could not open '/nonexistent/hvweb, missing.qcow2': No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("qemu-system-x86_64: -blockdev", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchAsync_MissingBinary_SaysQemuIsNotInstalled()
    {
        var vm = NewVm(VmGeneration.One, "nobinary");

        var error = await Assert.ThrowsAsync<VmOperationException>(() =>
            _launcher.LaunchAsync(vm, Context(vm) with { QemuBinary = "qemu-system-hvweb-missing" }, CancellationToken.None));

        Assert.Equal("QEMU is not installed: 'qemu-system-hvweb-missing' was not found.", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task LaunchAsync_SocketFolder_IsPrivate()
    {
        var vm = NewVm(VmGeneration.One, "private");
        int? pid = null;
        try
        {
            pid = await _launcher.LaunchAsync(vm, Context(vm), CancellationToken.None);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Context(vm).SocketFolder));
        }
        finally
        {
            await QemuKiller.KillAsync(pid);
        }
    }

    // /proc/<pid>/stat after the command name: state ppid pgrp session …
    private static string ParentOf(int pid) => StatFields(pid)[1];

    private static string SessionOf(int pid) => StatFields(pid)[3];

    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private VmDefinition NewVm(VmGeneration generation, string name) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Generation = generation,
        MemoryStartupMb = 64,
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Folder = Path.Combine(_vms.Path, name),
    };

    private QemuLaunchContext Context(VmDefinition vm) => new()
    {
        Accelerator = Accelerator.Tcg,
        SocketFolder = Path.Combine(_sockets.Path, vm.Id.ToString("N")[..8]),
        RuntimeFolder = VmPaths.RuntimeFolder(vm),
    };
}
