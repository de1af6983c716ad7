using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms.Settings;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Settings (Set-VM and friends): the same rules for "check as you type" and for Apply, changes a
/// running VM takes applied to its QEMU first, the definition written last, and what was applied
/// rolled back when a later step fails — nothing half-applied.
/// </summary>
public sealed partial class VmManager
{
    public IReadOnlyDictionary<string, string[]> CheckUpdate(Guid id, VmUpdateRequest request)
    {
        var entry = Find(id);
        var (invalid, refused) = CheckChange(entry, request);
        foreach (var (field, messages) in refused.ToDictionary())
        {
            foreach (var message in messages)
            {
                invalid.Add(field, message);
            }
        }

        return invalid.ToDictionary();
    }

    /// <summary>Invalid input (400) and, separately, what the VM's state refuses (409).</summary>
    private (FieldErrors Invalid, FieldErrors Refused) CheckChange(VmEntry entry, VmUpdateRequest request)
    {
        VmDefinition current;
        VmState state;
        long? ceiling;
        lock (entry.Sync)
        {
            current = entry.Definition;
            state = entry.State;
            ceiling = entry.Runtime?.MemoryCeilingMb;
        }

        var invalid = Validator.CheckUpdate(current, request);
        var refused = new FieldErrors();
        RunningChangeRules.Check(current, VmUpdateMerge.Apply(current, request), state, ceiling, refused);
        return (invalid, refused);
    }

    public async Task<VmSnapshot> UpdateAsync(Guid id, VmUpdateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (invalid, _) = CheckChange(Find(id), request);
        invalid.ThrowIfAny();
        return await RunExclusiveAsync(id, VmOperation.ChangeHardware, "Applying settings", async e =>
        {
            // Checked again under the gate: the state may have changed since.
            var (invalidNow, refused) = CheckChange(e, request);
            invalidNow.ThrowIfAny();
            if (refused.Count > 0)
            {
                throw new VmStateException(string.Join(" ", refused.ToDictionary().SelectMany(r => r.Value).Distinct()), e.State);
            }

            var old = e.Definition;
            var updated = VmUpdateMerge.Apply(old, request);
            var undo = new Stack<Func<Task>>();
            try
            {
                await ApplyLiveAsync(e, old, updated, undo, cancellationToken).ConfigureAwait(false);
                ReplaceFirmwareVarsIfNeeded(old, updated, undo);
                SaveDefinition(e, updated);
                DropFirmwareVarsBackup(updated);
            }
            catch (Exception failure)
            {
                await RollBackAsync(updated, undo).ConfigureAwait(false);
                if (failure is VmValidationException or VmStateException or OperationCanceledException)
                {
                    throw;
                }

                await _journal.ErrorAsync(old, $"The settings of VM '{old.Name}' could not be applied; nothing was changed: {failure.Message}", HostEvent.ManagementSource).ConfigureAwait(false);
                throw new VmOperationException($"The settings of VM '{old.Name}' could not be applied; nothing was changed: {failure.Message}", failure);
            }

            ApplyCpuControls(e);
            var what = old.Name != updated.Name ? $"VM '{old.Name}' was renamed to '{updated.Name}'." : $"The settings of VM '{updated.Name}' were changed.";
            await _journal.InfoAsync(updated, what, HostEvent.ManagementSource).ConfigureAwait(false);
            return e.ToSnapshot(_time.GetUtcNow());
        }, checkState: false).ConfigureAwait(false);
    }

    private async Task RollBackAsync(VmDefinition vm, Stack<Func<Task>> undo)
    {
        while (undo.TryPop(out var step))
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Rolling back a settings change of VM {Name} failed", vm.Name);
            }
        }
    }

    /// <summary>
    /// Secure Boot on or off changes the firmware's variable store template (Microsoft's keys or
    /// none), as Hyper-V's Secure Boot template does. Only while Off (the rules refuse it otherwise).
    /// </summary>
    private void ReplaceFirmwareVarsIfNeeded(VmDefinition old, VmDefinition updated, Stack<Func<Task>> undo)
    {
        if (updated.Generation != VmGeneration.Two || old.SecureBoot == updated.SecureBoot)
        {
            return;
        }

        var template = updated.SecureBoot ? _options.OvmfSecureBootVars : _options.OvmfVars;
        if (updated.SecureBoot && (!File.Exists(_options.OvmfSecureBootCode) || !File.Exists(template)))
        {
            throw VmValidationException.For("secureBoot", $"Secure Boot needs OVMF's Secure Boot firmware ('{_options.OvmfSecureBootCode}' and '{template}', Debian package ovmf); it is not installed on this host.");
        }

        var vars = VmPaths.FirmwareVarsFile(updated);
        var backup = vars + ".before-secure-boot";
        Directory.CreateDirectory(Path.GetDirectoryName(vars)!);
        if (File.Exists(vars))
        {
            File.Copy(vars, backup, overwrite: true);
        }

        File.Copy(template, vars, overwrite: true);
        undo.Push(() =>
        {
            if (File.Exists(backup))
            {
                File.Move(backup, vars, overwrite: true);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The copy <see cref="ReplaceFirmwareVarsIfNeeded"/> keeps until the definition is written.</summary>
    private static void DropFirmwareVarsBackup(VmDefinition vm) => File.Delete(VmPaths.FirmwareVarsFile(vm) + ".before-secure-boot");

    /// <summary>Processor limit and weight on the running QEMU process (cgroup v2), where this host enforces them.</summary>
    private void ApplyCpuControls(VmEntry entry)
    {
        VmRuntime? runtime;
        VmDefinition vm;
        lock (entry.Sync)
        {
            runtime = entry.Runtime;
            vm = entry.Definition;
        }

        if (runtime is null || _cpuControls is not { Enforced: true } controls)
        {
            return;
        }

        try
        {
            controls.Apply(vm, runtime.ProcessId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Processor controls of VM {Name} could not be applied", vm.Name);
            lock (entry.Sync)
            {
                entry.Status = $"Processor limit and weight not applied: {e.Message}";
            }
        }
    }
}
