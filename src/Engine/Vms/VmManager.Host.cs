using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Start-up (host facts, registered VMs, re-attaching to QEMU processes still running), the
/// automatic start and stop actions, and metric sampling.
/// </summary>
public sealed partial class VmManager
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DataRoot);
        var decision = await _probe.DecideAsync(cancellationToken).ConfigureAwait(false);
        _cpuControls = CpuControls.Probe();
        _host = new HostInfo
        {
            CpuControlsEnforced = _cpuControls.Enforced,
            CpuControlsReason = _cpuControls.Reason,
            Name = HostFacts.HostName(),
            Accelerator = decision.Accelerator,
            AcceleratorReason = decision.Reason,
            QemuVersion = await HostFacts.QemuVersionAsync(_options.QemuBinary, cancellationToken).ConfigureAwait(false),
            LogicalProcessors = HostFacts.LogicalProcessors(),
            MemoryTotalMb = HostFacts.MemoryTotalMb(),
            DataRoot = _options.DataRoot,
            DefaultVmFolder = DefaultVmFolder,
        };
        _validator = new VmRequestValidator(_host.LogicalProcessors, _host.MemoryTotalMb, SwitchExists);
        if (_switches is not null)
        {
            await _switches.RestoreAllAsync(cancellationToken).ConfigureAwait(false);
        }

        _machineTypes = await MachineTypes.ResolveAsync(_options.QemuBinary, cancellationToken).ConfigureAwait(false);
        await _journal.InfoAsync(null, $"HvWeb started on {_host.Name}: QEMU {_host.QemuVersion}, {_host.Accelerator} ({decision.Reason}).", HostEvent.ManagementSource).ConfigureAwait(false);

        var (vms, problems) = _store.LoadAll();
        foreach (var problem in problems)
        {
            await _journal.ErrorAsync(null, problem, HostEvent.ManagementSource).ConfigureAwait(false);
        }

        foreach (var vm in vms)
        {
            var entry = new VmEntry(vm, VmState.Off);
            _vms[vm.Id] = entry;
            await ReattachAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finds the VM's QEMU process if it still runs and shows it as it is; otherwise Saved or Off from its files.</summary>
    private async Task ReattachAsync(VmEntry entry, CancellationToken cancellationToken)
    {
        var vm = entry.Definition;
        foreach (var partial in Directory.Exists(VmPaths.RuntimeFolder(vm)) ? Directory.GetFiles(VmPaths.RuntimeFolder(vm), "*.partial") : [])
        {
            File.Delete(partial);
            await _journal.WarningAsync(vm, $"An unfinished saved state of VM '{vm.Name}' was found and removed ({Path.GetFileName(partial)}); the save did not complete.").ConfigureAwait(false);
        }

        var pid = ReadPid(VmPaths.PidFile(vm));
        if (pid is { } p && _stats.IsAlive(p) && CommandLineOf(p).Contains(vm.Id.ToString("D"), StringComparison.Ordinal))
        {
            try
            {
                var runtime = await AttachAsync(entry, p, VmPaths.SocketFolder(_options.DataRoot, vm.Id), cancellationToken).ConfigureAwait(false);
                var status = await runtime.Qmp.ExecuteAsync("query-status", null, cancellationToken).ConfigureAwait(false);
                var running = status.GetProperty("running").GetBoolean();
                lock (entry.Sync)
                {
                    entry.State = running ? VmState.Running : VmState.Paused;
                }

                await _journal.InfoAsync(vm, $"Re-attached to the QEMU process {p} of VM '{vm.Name}' ({entry.State}).").ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (entry.Sync)
                {
                    entry.Status = $"QEMU process {p} runs but does not answer on QMP";
                }

                await _journal.ErrorAsync(vm, $"The QEMU process {p} of VM '{vm.Name}' is running but could not be re-attached: {e.Message}. It is shown Off; turn the process off by hand before starting the VM.").ConfigureAwait(false);
                return;
            }
        }

        lock (entry.Sync)
        {
            entry.State = File.Exists(VmPaths.SavedStateFile(vm)) ? VmState.Saved : VmState.Off;
        }
    }

    /// <summary>The process's command line (NUL-separated in /proc), or "" when it is gone.</summary>
    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Runs each VM's automatic start action (Hyper-V: when the host service starts).</summary>
    public async Task RunAutomaticStartAsync(CancellationToken cancellationToken)
    {
        var starts = new List<Task>();
        foreach (var entry in _vms.Values)
        {
            var vm = entry.Definition;
            var start = vm.AutomaticStartAction switch
            {
                AutomaticStartAction.Nothing => false,
                AutomaticStartAction.StartIfRunning => vm.WasRunningAtHostStop,
                AutomaticStartAction.AlwaysStart => true,
            };
            if (start && entry.State is VmState.Off or VmState.Saved)
            {
                starts.Add(AutomaticStartAsync(vm, cancellationToken));
            }
        }

        await Task.WhenAll(starts).ConfigureAwait(false);
    }

    private async Task AutomaticStartAsync(VmDefinition vm, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(vm.AutomaticStartDelaySeconds), _time, cancellationToken).ConfigureAwait(false);
            await _journal.InfoAsync(vm, $"Automatic start action: starting VM '{vm.Name}'.").ConfigureAwait(false);
            await StartAsync(vm.Id, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _journal.ErrorAsync(vm, $"The automatic start action of VM '{vm.Name}' failed: {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs each running VM's automatic stop action (Hyper-V: when the host shuts down) and marks
    /// it, so that "start if it was running" brings it back.
    /// </summary>
    public async Task RunAutomaticStopAsync(CancellationToken cancellationToken)
    {
        var stops = _vms.Values.Where(e => e.State is VmState.Running or VmState.Paused or VmState.Stopping).Select(e => AutomaticStopAsync(e, cancellationToken));
        await Task.WhenAll(stops).ConfigureAwait(false);
    }

    private async Task AutomaticStopAsync(VmEntry entry, CancellationToken cancellationToken)
    {
        var vm = entry.Definition;
        try
        {
            SaveDefinition(entry, vm with { WasRunningAtHostStop = true });
            await _journal.InfoAsync(vm, $"Automatic stop action ({vm.AutomaticStopAction}) for VM '{vm.Name}'.").ConfigureAwait(false);
            switch (vm.AutomaticStopAction)
            {
                case AutomaticStopAction.Save:
                    await SaveAsync(vm.Id, null, cancellationToken).ConfigureAwait(false);
                    break;
                case AutomaticStopAction.TurnOff:
                    await TurnOffAsync(vm.Id, cancellationToken).ConfigureAwait(false);
                    break;
                case AutomaticStopAction.ShutDown:
                    var runtime = entry.Runtime;
                    await ShutDownAsync(vm.Id, cancellationToken).ConfigureAwait(false);
                    if (runtime is not null && !await WaitAsync(runtime.Exited.Task, _options.ShutDownTimeout, cancellationToken).ConfigureAwait(false))
                    {
                        await TurnOffAsync(vm.Id, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _journal.ErrorAsync(vm, $"The automatic stop action of VM '{vm.Name}' failed: {e.Message}").ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Task.WhenAny(task, Task.Delay(timeout, _time, cancellationToken)).ConfigureAwait(false) == task;

    /// <summary>
    /// Measures CPU usage (share of all host processors) of every running VM and publishes it;
    /// uptime changes every second too, so every running VM is published on every sample.
    /// </summary>
    public void SampleMetrics()
    {
        var now = _time.GetUtcNow();
        var processors = _host?.LogicalProcessors ?? Environment.ProcessorCount;
        foreach (var entry in _vms.Values)
        {
            lock (entry.Sync)
            {
                var runtime = entry.Runtime;
                var wall = now - (runtime?.LastCpuSampleAt ?? now);
                if (runtime is null || wall <= TimeSpan.Zero || _stats.Read(runtime.ProcessId)?.CpuTime is not { } cpu)
                {
                    continue;
                }

                entry.CpuUsagePercent = Math.Round(Math.Clamp((cpu - runtime.LastCpuTime) / wall / processors * 100, 0, 100), 1);
                runtime.LastCpuTime = cpu;
                runtime.LastCpuSampleAt = now;
            }

            Publish(entry.Definition.Id);
        }
    }
}
