using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Dynamic memory's arithmetic (pure): the balloon target from the guest's demand and the VM's
/// buffer, minimum and maximum, and Hyper-V's Memory Status words.
/// </summary>
public static class MemoryBalancer
{
    /// <summary>A new target closer than this to the current one is not worth a balloon move.</summary>
    public const long HysteresisMb = 8;

    /// <summary>
    /// Demand × (1 + buffer %), within [minimum, maximum] and at most <paramref name="ceilingMb"/>
    /// (what QEMU was started with). Unknown demand (no statistics yet: the guest's balloon driver
    /// has not reported) → the startup memory.
    /// </summary>
    public static long Target(VmDefinition vm, long? demandMb, long ceilingMb)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var wanted = demandMb is { } demand
            ? (long)Math.Ceiling(demand * (1 + vm.MemoryBufferPercent / 100.0))
            : vm.MemoryStartupMb;
        var clamped = Math.Clamp(wanted, vm.MemoryMinimumMb, Math.Max(vm.MemoryMinimumMb, vm.MemoryMaximumMb));
        return Math.Min(clamped, ceilingMb);
    }

    /// <summary>"OK"; "Low" when the assigned memory does not cover the buffer; "Warning" when it does not cover the demand.</summary>
    public static string Status(VmDefinition vm, long? demandMb, long assignedMb)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (demandMb is not { } demand)
        {
            return "OK";
        }

        if (demand > assignedMb)
        {
            return "Warning";
        }

        return demand * (1 + vm.MemoryBufferPercent / 100.0) > assignedMb + HysteresisMb ? "Low" : "OK";
    }
}
