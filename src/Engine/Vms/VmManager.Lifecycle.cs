using System.Text.Json;
using System.Diagnostics;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>Start, Turn Off, Shut Down, Save, Pause, Resume, Reset and the screenshot.</summary>
public sealed partial class VmManager
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MigrationPollInterval = TimeSpan.FromMilliseconds(50);

    public Task StartAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Start, "Starting", entry => StartCoreAsync(entry, Track(entry, "Starting", progress), cancellationToken));

    private async Task StartCoreAsync(VmEntry entry, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        if (entry.State == VmState.Off && entry.Definition.LegacyDeviceSet)
        {
            // A fresh boot: nothing saved to stay compatible with any more.
            SaveDefinition(entry, entry.Definition with { LegacyDeviceSet = false });
        }

        CheckSwitches(entry.Definition);
        AssignDynamicMacAddresses(entry);
        var vm = entry.Definition;
        var fromSaved = entry.State == VmState.Saved;
        var previous = entry.State;
        Apply(entry, VmSignal.Launching);
        VmRuntime? runtime = null;
        try
        {
            progress.Report(new OperationProgress(0, "Starting QEMU"));
            runtime = await LaunchAsync(entry, fromSaved, cancellationToken).ConfigureAwait(false);
            if (fromSaved)
            {
                progress.Report(new OperationProgress(10, "Restoring memory and device state"));
                await RestoreStateAsync(vm, runtime, cancellationToken).ConfigureAwait(false);
            }

            progress.Report(new OperationProgress(90, "Resuming"));
            await DisconnectUnconnectedAdaptersAsync(vm, runtime, cancellationToken).ConfigureAwait(false);
            await runtime.Qmp.ExecuteAsync("cont", null, cancellationToken).ConfigureAwait(false);
            ApplyCpuControls(entry);
            if (fromSaved)
            {
                File.Delete(VmPaths.SavedStateFile(vm));
            }

            if (vm.WasRunningAtHostStop)
            {
                SaveDefinition(entry, entry.Definition with { WasRunningAtHostStop = false });
            }

            lock (entry.Sync)
            {
                entry.Status = "";
            }

            // Shown Running only once everything above is done (observers read a finished start).
            Apply(entry, VmSignal.StartCompleted);

            progress.Report(new OperationProgress(100, "Running"));
            await _journal.InfoAsync(vm, fromSaved
                ? $"VM '{vm.Name}' was started from its saved state ({Host.Accelerator})."
                : $"VM '{vm.Name}' was started ({Host.Accelerator}).").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (runtime is not null)
            {
                runtime.ExitOwnedByOperation = true;
                await EndProcessAsync(runtime).ConfigureAwait(false);
                DetachRuntime(entry, runtime);
                await RemoveTapsAsync(vm).ConfigureAwait(false);
            }

            Apply(entry, VmSignal.LaunchFailed, previous);
            var reason = e is OperationCanceledException ? "the start was cancelled" : e.Message;
            lock (entry.Sync)
            {
                entry.Status = $"Start failed: {reason}";
            }

            await _journal.ErrorAsync(vm, $"VM '{vm.Name}' could not start: {reason}").ConfigureAwait(false);
            if (e is VmOperationException or OperationCanceledException)
            {
                throw;
            }

            throw new VmOperationException($"VM '{vm.Name}' could not start: {reason}", e);
        }
    }

    public Task TurnOffAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.TurnOff, "Turning off", async entry =>
        {
            var runtime = RuntimeOf(entry);
            runtime.ExpectedExitReason = $"VM '{entry.Definition.Name}' was turned off.";
            await EndProcessAsync(runtime).ConfigureAwait(false);
            await runtime.Exited.Task.WaitAsync(ExitTimeout, _time, cancellationToken).ConfigureAwait(false);
        });

    public Task ShutDownAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.ShutDown, "Shutting down", async entry =>
        {
            var runtime = RuntimeOf(entry);
            runtime.ExpectedExitReason = $"VM '{entry.Definition.Name}' was shut down.";
            await runtime.Qmp.ExecuteAsync("system_powerdown", null, cancellationToken).ConfigureAwait(false);
            Apply(entry, VmSignal.PowerButton);
            await _journal.InfoAsync(entry.Definition, $"VM '{entry.Definition.Name}' was asked to shut down (ACPI power button).").ConfigureAwait(false);
            _ = WatchShutDownAsync(entry, runtime);
        });

    /// <summary>A guest that ignores the power button goes back to Running, with a warning, after the timeout.</summary>
    private async Task WatchShutDownAsync(VmEntry entry, VmRuntime runtime)
    {
        var exited = await Task.WhenAny(runtime.Exited.Task, Task.Delay(_options.ShutDownTimeout, _time)).ConfigureAwait(false) == runtime.Exited.Task;
        if (!exited && entry.State == VmState.Stopping && ReferenceEquals(entry.Runtime, runtime))
        {
            runtime.ExpectedExitReason = null;
            Apply(entry, VmSignal.ShutDownTimedOut);
            await _journal.WarningAsync(entry.Definition, $"VM '{entry.Definition.Name}' did not shut down within {_options.ShutDownTimeout.TotalSeconds:0} s; the guest may not handle the ACPI power button. Use Turn Off to stop it.").ConfigureAwait(false);
        }
    }

    public Task PauseAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Pause, "Pausing", async entry =>
        {
            await RuntimeOf(entry).Qmp.ExecuteAsync("stop", null, cancellationToken).ConfigureAwait(false);
            Apply(entry, VmSignal.QmpStop);
            await _journal.InfoAsync(entry.Definition, $"VM '{entry.Definition.Name}' was paused.").ConfigureAwait(false);
        });

    public Task ResumeAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Resume, "Resuming", async entry =>
        {
            await RuntimeOf(entry).Qmp.ExecuteAsync("cont", null, cancellationToken).ConfigureAwait(false);
            Apply(entry, VmSignal.QmpResume);
            await _journal.InfoAsync(entry.Definition, $"VM '{entry.Definition.Name}' was resumed.").ConfigureAwait(false);
        });

    public Task ResetAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Reset, "Resetting", async entry =>
        {
            Apply(entry, VmSignal.ResetRequested);
            try
            {
                await RuntimeOf(entry).Qmp.ExecuteAsync("system_reset", null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // QEMU resets synchronously; its RESET event also lands here through the event pump.
                Apply(entry, VmSignal.QmpReset);
            }

            await _journal.InfoAsync(entry.Definition, $"VM '{entry.Definition.Name}' was reset.").ConfigureAwait(false);
        });

    public async Task<byte[]> ScreenshotPngAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var entry = Find(id);
        VmRuntime? runtime;
        VmState state;
        lock (entry.Sync)
        {
            runtime = entry.Runtime;
            state = entry.State;
        }

        if (runtime is null || VmStateRules.Refusal(entry.Definition.Name, state, VmOperation.Screenshot) is { } refusal)
        {
            throw new VmStateException(VmStateRules.Refusal(entry.Definition.Name, state, VmOperation.Screenshot) ?? $"VM '{entry.Definition.Name}' is {state}; it has no screen to show.", state);
        }

        var file = Path.Combine(runtime.SocketFolder, $"screen-{Guid.NewGuid():N}.png");
        try
        {
            await runtime.Qmp.ExecuteAsync("screendump", new { filename = file, format = "png" }, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public string? GetVncSocket(Guid id)
    {
        var entry = Find(id);
        lock (entry.Sync)
        {
            return entry.Runtime is { } runtime ? VmPaths.VncSocket(runtime.SocketFolder) : null;
        }
    }

    private static VmRuntime RuntimeOf(VmEntry entry)
    {
        lock (entry.Sync)
        {
            return entry.Runtime ?? throw new VmStateException($"VM '{entry.Definition.Name}' has no QEMU process.", entry.State);
        }
    }

    /// <summary>Asks QEMU to quit; kills the process if it does not exit in time.</summary>
    private async Task EndProcessAsync(VmRuntime runtime)
    {
        try
        {
            await runtime.Qmp.ExecuteAsync("quit", null, CancellationToken.None).WaitAsync(ExitTimeout, _time).ConfigureAwait(false);
        }
        catch (Exception e) when (e is QmpConnectionClosedException or IOException or TimeoutException or QmpException)
        {
            _logger.LogDebug(e, "quit did not answer; the process is checked below");
        }

        var deadline = _time.GetUtcNow() + ExitTimeout;
        while (_stats.IsAlive(runtime.ProcessId) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(MigrationPollInterval, _time).ConfigureAwait(false);
        }

        if (_stats.IsAlive(runtime.ProcessId))
        {
            _logger.LogWarning("QEMU process {Pid} did not quit; killing it", runtime.ProcessId);
            try
            {
                using var process = Process.GetProcessById(runtime.ProcessId);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
