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

    private static IEnumerable<(string Field, VmUpdateRequest Same, VmUpdateRequest Other)> Probes(VmDefinition d)
    {
        var nearMemory = d.MemoryStartupMb >= 64 ? d.MemoryStartupMb - 2 : d.MemoryStartupMb + 2;
        yield return ("memoryStartupMb", new() { MemoryStartupMb = d.MemoryStartupMb }, new() { MemoryStartupMb = nearMemory });
        yield return ("dynamicMemoryEnabled", new() { DynamicMemoryEnabled = d.DynamicMemoryEnabled }, new() { DynamicMemoryEnabled = !d.DynamicMemoryEnabled });
        yield return ("memoryMinimumMb", new() { MemoryMinimumMb = d.MemoryMinimumMb }, new() { MemoryMinimumMb = Math.Max(32, d.MemoryMinimumMb - 2) });
        yield return ("memoryMaximumMb", new() { MemoryMaximumMb = d.MemoryMaximumMb }, new() { MemoryMaximumMb = d.MemoryMaximumMb + 2 });
        yield return ("memoryBufferPercent", new() { MemoryBufferPercent = d.MemoryBufferPercent }, new() { MemoryBufferPercent = d.MemoryBufferPercent == 5 ? 6 : d.MemoryBufferPercent - 1 });
        yield return ("memoryWeight", new() { MemoryWeight = d.MemoryWeight }, new() { MemoryWeight = d.MemoryWeight == 0 ? 100 : d.MemoryWeight - 100 < 0 ? 0 : d.MemoryWeight - 100 });
        yield return ("processorCount", new() { ProcessorCount = d.ProcessorCount }, new() { ProcessorCount = d.ProcessorCount > 1 ? d.ProcessorCount - 1 : 2 });
        yield return ("processorReservePercent", new() { ProcessorReservePercent = d.ProcessorReservePercent }, new() { ProcessorReservePercent = d.ProcessorReservePercent == 0 ? 1 : d.ProcessorReservePercent - 1 });
        yield return ("processorLimitPercent", new() { ProcessorLimitPercent = d.ProcessorLimitPercent }, new() { ProcessorLimitPercent = d.ProcessorLimitPercent == 100 ? 99 : d.ProcessorLimitPercent + 1 });
        yield return ("processorWeight", new() { ProcessorWeight = d.ProcessorWeight }, new() { ProcessorWeight = d.ProcessorWeight == 100 ? 200 : 100 });
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

        yield return ("scsiControllerCount", new() { ScsiControllerCount = d.ScsiControllerCount },
            new() { ScsiControllerCount = d.ScsiControllerCount < 4 ? d.ScsiControllerCount + 1 : d.ScsiControllerCount });
        if (d.Generation == VmGeneration.One)
        {
            yield return ("com1PipeName", new() { Com1PipeName = d.Com1PipeName ?? "" }, new() { Com1PipeName = d.Com1PipeName is null ? "com1" : "" });
            yield return ("com2PipeName", new() { Com2PipeName = d.Com2PipeName ?? "" }, new() { Com2PipeName = d.Com2PipeName is null ? "com2" : "" });
            yield return ("floppyPath", new() { FloppyPath = d.FloppyPath ?? "" }, new() { FloppyPath = d.FloppyPath ?? "" });
        }

        yield return ("checkpointFileLocation", new() { CheckpointFileLocation = d.CheckpointFileLocation ?? "" }, new() { CheckpointFileLocation = d.CheckpointFileLocation ?? "" });
        yield return ("smartPagingFileLocation", new() { SmartPagingFileLocation = d.SmartPagingFileLocation ?? "" }, new() { SmartPagingFileLocation = d.SmartPagingFileLocation ?? "" });
    }
}
