using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// Which settings the VM's current state does not allow to change, and the engine's reason, found
/// by asking <see cref="IVmManager.CheckUpdate"/> (the engine owns the rules; the dialog only asks):
/// each setting is tried with its current value, then with a nearby valid one; a refusal naming
/// that field locks its control. An Off VM locks nothing.
/// </summary>
public static class SettingsLockProbe
{
    public static IReadOnlyDictionary<string, string> Probe(IVmManager vms, VmSnapshot vm)
    {
        var locks = new Dictionary<string, string>();
        if (vm.State == VmState.Off)
        {
            return locks;
        }

        var d = vm.Definition;
        foreach (var (field, same, other) in Probes(d))
        {
            var reason = Refusal(vms, d.Id, field, same) ?? Refusal(vms, d.Id, field, other);
            if (reason is not null)
            {
                locks[field] = reason;
            }
        }

        return locks;
    }

    private static string? Refusal(IVmManager vms, Guid id, string field, VmUpdateRequest request) =>
        vms.CheckUpdate(id, request).TryGetValue(field, out var sentences) && sentences.Length > 0 ? string.Join(" ", sentences) : null;

    /// <summary>
    /// The settings Hyper-V lets change only while the VM is off, each with its current value and a
    /// nearby valid one. Settings Hyper-V changes in any state (buffer, weights, reserve, limit, names,
    /// checkpoints, locations, automatic actions) and those allowed one way only while running
    /// (dynamic memory's minimum down, maximum up; drives; adapters) are not probed: typing shows the
    /// engine's answer for them.
    /// </summary>
    private static IEnumerable<(string Field, VmUpdateRequest Same, VmUpdateRequest Other)> Probes(VmDefinition d)
    {
        var lowest = d.DynamicMemoryEnabled ? Math.Max(32, d.MemoryMinimumMb) : 32;
        var highest = d.DynamicMemoryEnabled ? d.MemoryMaximumMb : int.MaxValue;
        var nearMemory = d.MemoryStartupMb + 2 <= highest ? d.MemoryStartupMb + 2 : Math.Max(lowest, d.MemoryStartupMb - 2);
        yield return ("memoryStartupMb", new() { MemoryStartupMb = d.MemoryStartupMb }, new() { MemoryStartupMb = nearMemory });
        yield return ("dynamicMemoryEnabled", new() { DynamicMemoryEnabled = d.DynamicMemoryEnabled }, new() { DynamicMemoryEnabled = !d.DynamicMemoryEnabled });
        yield return ("processorCount", new() { ProcessorCount = d.ProcessorCount }, new() { ProcessorCount = d.ProcessorCount > 1 ? d.ProcessorCount - 1 : 2 });
        yield return ("processorCompatibilityForMigration", new() { ProcessorCompatibilityForMigration = d.ProcessorCompatibilityForMigration },
            new() { ProcessorCompatibilityForMigration = !d.ProcessorCompatibilityForMigration });
        if (d.Generation == VmGeneration.Two)
        {
            yield return ("secureBoot", new() { SecureBoot = d.SecureBoot }, new() { SecureBoot = !d.SecureBoot });
        }

        if (d.BootOrder.Count > 1)
        {
            yield return ("bootOrder", new() { BootOrder = d.BootOrder }, new() { BootOrder = [d.BootOrder[1], d.BootOrder[0], .. d.BootOrder.Skip(2)] });
        }

        if (d.ScsiControllerCount < 4)
        {
            yield return ("scsiControllerCount", new() { ScsiControllerCount = d.ScsiControllerCount }, new() { ScsiControllerCount = d.ScsiControllerCount + 1 });
        }

        if (d.Generation == VmGeneration.One)
        {
            yield return ("com1PipeName", new() { Com1PipeName = d.Com1PipeName ?? "" }, new() { Com1PipeName = d.Com1PipeName is null ? "com1" : "" });
            yield return ("com2PipeName", new() { Com2PipeName = d.Com2PipeName ?? "" }, new() { Com2PipeName = d.Com2PipeName is null ? "com2" : "" });
            if (d.FloppyPath is not null)
            {
                // Removing the diskette is always valid; inserting one needs a real file, so that way is left to typing.
                yield return ("floppyPath", new() { FloppyPath = d.FloppyPath }, new() { FloppyPath = "" });
            }
        }
    }
}
