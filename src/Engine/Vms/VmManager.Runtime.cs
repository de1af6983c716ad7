using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Launching QEMU, attaching to a QEMU process (new or found at start-up), following its QMP
/// events and noticing when it is gone.
/// </summary>
public sealed partial class VmManager
{
    private async Task<VmRuntime> LaunchAsync(VmEntry entry, bool incoming, CancellationToken cancellationToken)
    {
        var vm = entry.Definition;
        var socketFolder = VmPaths.SocketFolder(_options.DataRoot, vm.Id);
        PrepareSocketFolder(socketFolder);
        Directory.CreateDirectory(VmPaths.RuntimeFolder(vm));
        if (vm.Generation == VmGeneration.Two && vm.SecureBoot && !File.Exists(_options.OvmfSecureBootCode))
        {
            throw new Errors.VmOperationException($"VM '{vm.Name}' has Secure Boot on, but OVMF's Secure Boot firmware '{_options.OvmfSecureBootCode}' is not installed (Debian package ovmf); turn Secure Boot off or install it.");
        }

        if (vm.Generation == VmGeneration.Two && !File.Exists(VmPaths.FirmwareVarsFile(vm)))
        {
            File.Copy(vm.SecureBoot ? _options.OvmfSecureBootVars : _options.OvmfVars, VmPaths.FirmwareVarsFile(vm));
        }

        var context = new QemuLaunchContext
        {
            Accelerator = Host.Accelerator,
            SocketFolder = socketFolder,
            RuntimeFolder = VmPaths.RuntimeFolder(vm),
            OvmfCode = _options.OvmfCode,
            OvmfSecureBootCode = _options.OvmfSecureBootCode,
            HostMemoryMb = Host.MemoryTotalMb,
            QemuBinary = _options.QemuBinary,
            IncomingDefer = incoming,
            Taps = await CreateTapsAsync(vm, cancellationToken).ConfigureAwait(false),
        };
        try
        {
            var commandLine = QemuCommandBuilder.Build(vm, context);
            var pid = await _launcher.LaunchAsync(commandLine, VmPaths.PidFile(vm), cancellationToken).ConfigureAwait(false);
            try
            {
                return await AttachAsync(entry, pid, socketFolder, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                KillQuietly(pid);
                throw;
            }
        }
        catch
        {
            await RemoveTapsAsync(vm).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A fresh private socket folder (0700) with no stale sockets of an earlier run.</summary>
    private static void PrepareSocketFolder(string socketFolder)
    {
        if (Directory.Exists(socketFolder))
        {
            Directory.Delete(socketFolder, recursive: true);
        }

        PrivateFolder.EnsureSocketFolder(socketFolder);
    }

    private async Task<VmRuntime> AttachAsync(VmEntry entry, int pid, string socketFolder, CancellationToken cancellationToken)
    {
        var qmp = await QmpClient.ConnectAsync(VmPaths.QmpSocket(socketFolder), cancellationToken).ConfigureAwait(false);
        try
        {
            var startedAt = _stats.Read(pid)?.StartTime ?? _time.GetUtcNow();
            var runtime = new VmRuntime(pid, qmp, socketFolder, startedAt)
            {
                LastCpuTime = _stats.Read(pid)?.CpuTime ?? TimeSpan.Zero,
                LastCpuSampleAt = _time.GetUtcNow(),
            };
            var memory = await qmp.ExecuteAsync("query-memory-size-summary", null, cancellationToken).ConfigureAwait(false);
            lock (entry.Sync)
            {
                entry.Runtime = runtime;
                entry.MemoryAssignedMb = memory.GetProperty("base-memory").GetInt64() / (1024 * 1024);
                runtime.MemoryCeilingMb = entry.MemoryAssignedMb;
                entry.CpuUsagePercent = 0;
            }

            _ = PumpEventsAsync(entry, runtime);
            _ = WatchExitAsync(entry, runtime);
            return runtime;
        }
        catch
        {
            await qmp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PumpEventsAsync(VmEntry entry, VmRuntime runtime)
    {
        try
        {
            await foreach (var qmpEvent in runtime.Qmp.Events.ReadAllAsync(runtime.Stopping.Token).ConfigureAwait(false))
            {
                await OnQmpEventAsync(entry, runtime, qmpEvent).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Detached or exited.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The QMP event pump of VM {Name} failed", entry.Definition.Name);
        }
    }

    private async Task OnQmpEventAsync(VmEntry entry, VmRuntime runtime, QmpEvent qmpEvent)
    {
        switch (qmpEvent.Name)
        {
            case "STOP":
                Apply(entry, VmSignal.QmpStop);
                break;
            case "RESUME":
                Apply(entry, VmSignal.QmpResume);
                break;
            case "RESET":
                Apply(entry, VmSignal.QmpReset);
                break;
            case "SHUTDOWN":
                var guest = qmpEvent.Data.ValueKind == JsonValueKind.Object && qmpEvent.Data.TryGetProperty("guest", out var g) && g.ValueKind == JsonValueKind.True;
                runtime.GuestShutDown = guest;
                if (guest && runtime.ExpectedExitReason is null)
                {
                    runtime.ExpectedExitReason = $"The guest of VM '{entry.Definition.Name}' shut down.";
                }

                break;
            case "GUEST_PANICKED":
                await _journal.ErrorAsync(entry.Definition, $"The guest of VM '{entry.Definition.Name}' reported a panic.").ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Waits for the QMP connection to close, confirms the process is gone, and applies it (Off) —
    /// unless the manager only detached (shutting down the console), or an operation (Save) owns
    /// the exit and sets the final state itself.
    /// </summary>
    private async Task WatchExitAsync(VmEntry entry, VmRuntime runtime)
    {
        try
        {
            await runtime.Qmp.Closed.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "QMP connection of VM {Name} closed with an error", entry.Definition.Name);
        }

        if (runtime.Stopping.IsCancellationRequested)
        {
            runtime.Exited.TrySetResult();
            return;
        }

        var deadline = _time.GetUtcNow() + ExitTimeout;
        while (_stats.IsAlive(runtime.ProcessId) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(MigrationPollInterval, _time).ConfigureAwait(false);
        }

        if (_stats.IsAlive(runtime.ProcessId))
        {
            // The socket closed but QEMU lives on: nothing can drive it any more, so end it.
            KillQuietly(runtime.ProcessId);
        }

        DetachRuntime(entry, runtime);
        await RemoveTapsAsync(entry.Definition).ConfigureAwait(false);
        if (!runtime.ExitOwnedByOperation)
        {
            Apply(entry, VmSignal.ProcessExited);
            var vm = entry.Definition;
            if (runtime.ExpectedExitReason is { } reason)
            {
                await _journal.InfoAsync(vm, reason).ConfigureAwait(false);
            }
            else
            {
                var tail = LastLines(VmPaths.QemuLogFile(vm), 3);
                lock (entry.Sync)
                {
                    entry.Status = "QEMU exited unexpectedly";
                }

                await _journal.ErrorAsync(vm, $"The QEMU process of VM '{vm.Name}' exited unexpectedly; the VM is Off.{(tail.Length > 0 ? " QEMU said: " + tail : "")}").ConfigureAwait(false);
            }
        }

        runtime.Exited.TrySetResult();
    }

    private void DetachRuntime(VmEntry entry, VmRuntime runtime)
    {
        lock (entry.Sync)
        {
            if (ReferenceEquals(entry.Runtime, runtime))
            {
                entry.Runtime = null;
            }
        }

        runtime.Stopping.Cancel();
        _ = runtime.Qmp.DisposeAsync().AsTask();
        try
        {
            if (Directory.Exists(runtime.SocketFolder))
            {
                Directory.Delete(runtime.SocketFolder, recursive: true);
            }
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not remove {Folder}", runtime.SocketFolder);
        }
    }

    private void KillQuietly(int pid)
    {
        try
        {
            if (_stats.IsAlive(pid))
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _logger.LogDebug(e, "Process {Pid} could not be killed (already gone?)", pid);
        }
    }

    private static string LastLines(string file, int count)
    {
        try
        {
            return File.Exists(file) ? string.Join(" ", File.ReadLines(file).TakeLast(count)).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
