using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>
/// Which changes Hyper-V applies to a VM that is not Off, and the sentence for the others. Any
/// state: name, notes, automatic actions, integration services, checkpoint settings and
/// locations, memory buffer and weight, processor reserve / limit / weight. Running or Paused
/// only: lowering the minimum or raising the maximum of dynamic memory (up to what QEMU was
/// started with), changing or ejecting a DVD, adding or removing a SCSI hard disk, connecting or
/// disconnecting a network adapter and its VLAN / bandwidth / guard settings. Everything else
/// needs the VM Off.
/// </summary>
public static class RunningChangeRules
{
    /// <param name="memoryCeilingMb">The memory QEMU was started with (the balloon cannot go above it); null when not running.</param>
    public static void Check(VmDefinition old, VmDefinition vm, VmState state, long? memoryCeilingMb, FieldErrors refusals)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(refusals);
        if (state == VmState.Off)
        {
            return;
        }

        var live = state is VmState.Running or VmState.Paused;
        var how = state switch
        {
            VmState.Running => "running",
            VmState.Paused => "paused",
            VmState.Saved => "in a saved state",
            _ => state.ToString().ToLowerInvariant(),
        };
        string Refuse(string what) => $"{what} of '{old.Name}' cannot be changed while it is {how}; turn it off first.";

        if (old.MemoryStartupMb != vm.MemoryStartupMb)
        {
            refusals.Add("memoryStartupMb", old.DynamicMemoryEnabled
                ? Refuse("The startup memory")
                : $"The memory of '{old.Name}' cannot be changed while it is {how} with static memory; turn it off first.");
        }

        if (old.DynamicMemoryEnabled != vm.DynamicMemoryEnabled)
        {
            refusals.Add("dynamicMemoryEnabled", $"Dynamic memory cannot be turned on or off while '{old.Name}' is {how}; turn it off first.");
        }
        else if (vm.DynamicMemoryEnabled)
        {
            if (vm.MemoryMinimumMb > old.MemoryMinimumMb || (!live && vm.MemoryMinimumMb != old.MemoryMinimumMb))
            {
                refusals.Add("memoryMinimumMb", live
                    ? $"The minimum memory of '{old.Name}' can only be lowered while it is {how}; turn it off first to raise it."
                    : Refuse("The minimum memory"));
            }

            if (vm.MemoryMaximumMb < old.MemoryMaximumMb || (!live && vm.MemoryMaximumMb != old.MemoryMaximumMb))
            {
                refusals.Add("memoryMaximumMb", live
                    ? $"The maximum memory of '{old.Name}' can only be raised while it is {how}; turn it off first to lower it."
                    : Refuse("The maximum memory"));
            }
            else if (vm.MemoryMaximumMb > old.MemoryMaximumMb && memoryCeilingMb is { } ceiling && vm.MemoryMaximumMb > ceiling && old.MemoryMaximumMb < ceiling)
            {
                refusals.Add("memoryMaximumMb", $"'{old.Name}' was started with room for {ceiling} MB; raising the maximum above that takes effect only after a restart. Turn it off first.");
            }
        }
        else if (old.MemoryMinimumMb != vm.MemoryMinimumMb || old.MemoryMaximumMb != vm.MemoryMaximumMb)
        {
            refusals.Add("memoryMaximumMb", Refuse("The dynamic memory range"));
        }

        Compare(refusals, "processorCount", old.ProcessorCount != vm.ProcessorCount, Refuse("The number of virtual processors"));
        Compare(refusals, "processorCompatibilityForMigration", old.ProcessorCompatibilityForMigration != vm.ProcessorCompatibilityForMigration, Refuse("Processor compatibility"));
        Compare(refusals, "secureBoot", old.SecureBoot != vm.SecureBoot, Refuse("Secure Boot"));
        Compare(refusals, "bootOrder", !old.BootOrder.SequenceEqual(vm.BootOrder), Refuse("The boot order"));
        Compare(refusals, "scsiControllerCount", old.ScsiControllerCount != vm.ScsiControllerCount, Refuse("The number of SCSI controllers"));
        Compare(refusals, "com1PipeName", old.Com1PipeName != vm.Com1PipeName, Refuse("COM 1"));
        Compare(refusals, "com2PipeName", old.Com2PipeName != vm.Com2PipeName, Refuse("COM 2"));
        Compare(refusals, "floppyPath", old.FloppyPath != vm.FloppyPath, Refuse("The diskette drive"));
        CheckDrives(old, vm, live, how, refusals);
        CheckAdapters(old, vm, live, how, refusals);
    }

    private static void Compare(FieldErrors refusals, string field, bool changed, string message)
    {
        if (changed)
        {
            refusals.Add(field, message);
        }
    }

    private static void CheckDrives(VmDefinition old, VmDefinition vm, bool live, string how, FieldErrors refusals)
    {
        var plan = DriveChangePlan.Compute(old.Drives, vm.Drives);
        if (plan.IsEmpty)
        {
            return;
        }

        if (!live)
        {
            refusals.Add("drives", $"The drives of '{old.Name}' cannot be changed while it is {how}; turn it off first.");
            return;
        }

        foreach (var (drive, _) in plan.Other)
        {
            var slot = $"{drive.Controller.ToString().ToUpperInvariant()} {drive.ControllerNumber}:{drive.Location}";
            refusals.Add("drives", drive.Controller == ControllerType.Ide
                ? $"IDE drives of '{old.Name}' cannot be added, removed or changed while it is {how} (only a DVD's media can); turn it off first ({slot})."
                : $"Only SCSI hard drives can be added or removed, and DVD media changed, while '{old.Name}' is {how}; turn it off first ({slot}).");
        }
    }

    private static void CheckAdapters(VmDefinition old, VmDefinition vm, bool live, string how, FieldErrors refusals)
    {
        var before = old.NetworkAdapters.ToDictionary(a => a.Id);
        var after = vm.NetworkAdapters.ToDictionary(a => a.Id);
        var added = after.Keys.Except(before.Keys).Any();
        var removed = before.Keys.Except(after.Keys).Any();
        if (added || removed)
        {
            refusals.Add("networkAdapters", $"Network adapters of '{old.Name}' can be added or removed only when it is off (HvWeb does not hot-add adapters); turn it off first.");
        }

        for (var i = 0; i < vm.NetworkAdapters.Count; i++)
        {
            var a = vm.NetworkAdapters[i];
            if (!before.TryGetValue(a.Id, out var o) || o == a)
            {
                continue;
            }

            if (!live)
            {
                refusals.Add($"networkAdapters[{i}]", $"The network adapters of '{old.Name}' cannot be changed while it is {how}; turn it off first.");
            }
            else if (o.Legacy != a.Legacy || o.StaticMacAddress != a.StaticMacAddress || o.MacAddress != a.MacAddress || o.Name != a.Name)
            {
                refusals.Add($"networkAdapters[{i}].macAddress", $"The MAC address and type of a network adapter of '{old.Name}' cannot be changed while it is {how}; turn it off first.");
            }
        }
    }
}
