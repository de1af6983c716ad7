using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>Memory (startup; dynamic: minimum, maximum, buffer, weight) and Processor (count, reserve, limit, weight) with Hyper-V's ranges.</summary>
internal static class MemoryProcessorRules
{
    public const int MinMemoryMb = 32;
    public const int MinBufferPercent = 5;
    public const int MaxBufferPercent = 2000;
    public const int MaxWeight = 10000;

    public static void Check(VmDefinition vm, HostLimits host, FieldErrors errors)
    {
        CheckMemory(vm, host, errors);
        CheckProcessor(vm, host, errors);
    }

    private static void CheckMemory(VmDefinition vm, HostLimits host, FieldErrors errors)
    {
        var startup = vm.MemoryStartupMb;
        if (startup < MinMemoryMb)
        {
            errors.Add("memoryStartupMb", $"Startup memory must be at least {MinMemoryMb} MB.");
        }
        else if (startup > host.MemoryMb)
        {
            errors.Add("memoryStartupMb", $"Startup memory {startup} MB is more than this host has ({host.MemoryMb} MB).");
        }
        else if (startup % 2 != 0)
        {
            errors.Add("memoryStartupMb", "Startup memory must be a multiple of 2 MB.");
        }
        else if (startup > VersionGates.MemoryMbBeforeLargeMemory && vm.Version < VersionGates.LargeMemory)
        {
            errors.Add("memoryStartupMb", VersionGates.Needs("Virtual machines with more than 1 TB of memory", VersionGates.LargeMemory, vm));
        }

        if (vm.MemoryBufferPercent is < MinBufferPercent or > MaxBufferPercent)
        {
            errors.Add("memoryBufferPercent", $"The memory buffer must be between {MinBufferPercent} and {MaxBufferPercent} %.");
        }

        if (vm.MemoryWeight is < 0 or > MaxWeight)
        {
            errors.Add("memoryWeight", $"The memory weight must be between 0 and {MaxWeight}.");
        }

        if (!vm.DynamicMemoryEnabled)
        {
            return;
        }

        var maxAllowed = vm.Version >= VersionGates.LargeMemory ? VersionGates.MaxMemoryMb : VersionGates.MemoryMbBeforeLargeMemory;
        if (vm.MemoryMinimumMb < MinMemoryMb || vm.MemoryMinimumMb % 2 != 0)
        {
            errors.Add("memoryMinimumMb", $"Minimum memory must be at least {MinMemoryMb} MB and a multiple of 2 MB.");
        }

        if (vm.MemoryMaximumMb % 2 != 0 || vm.MemoryMaximumMb > maxAllowed)
        {
            errors.Add("memoryMaximumMb", vm.MemoryMaximumMb > VersionGates.MemoryMbBeforeLargeMemory && vm.Version < VersionGates.LargeMemory
                ? VersionGates.Needs("Virtual machines with more than 1 TB of memory", VersionGates.LargeMemory, vm)
                : $"Maximum memory must be a multiple of 2 MB and at most {maxAllowed} MB.");
        }

        if (vm.MemoryMinimumMb > vm.MemoryMaximumMb)
        {
            errors.Add("memoryMinimumMb", $"Minimum memory ({vm.MemoryMinimumMb} MB) cannot be more than maximum memory ({vm.MemoryMaximumMb} MB).");
        }
        else if (startup < vm.MemoryMinimumMb || startup > vm.MemoryMaximumMb)
        {
            errors.Add("memoryStartupMb", $"With dynamic memory, startup memory ({startup} MB) must be between the minimum ({vm.MemoryMinimumMb} MB) and the maximum ({vm.MemoryMaximumMb} MB).");
        }
    }

    private static void CheckProcessor(VmDefinition vm, HostLimits host, FieldErrors errors)
    {
        if (vm.ProcessorCount < 1 || vm.ProcessorCount > host.Processors)
        {
            errors.Add("processorCount", $"The number of virtual processors must be between 1 and {host.Processors} (the host's logical processors).");
        }
        else if (vm.ProcessorCount > VersionGates.ProcessorsBeforeLargeCount && vm.Version < VersionGates.LargeProcessorCount)
        {
            errors.Add("processorCount", VersionGates.Needs($"More than {VersionGates.ProcessorsBeforeLargeCount} virtual processors", VersionGates.LargeProcessorCount, vm));
        }

        if (vm.ProcessorReservePercent is < 0 or > 100)
        {
            errors.Add("processorReservePercent", "The virtual machine reserve must be between 0 and 100 %.");
        }

        if (vm.ProcessorLimitPercent is < 1 or > 100)
        {
            errors.Add("processorLimitPercent", "The virtual machine limit must be between 1 and 100 %.");
        }

        if (vm.ProcessorReservePercent > vm.ProcessorLimitPercent && !errors.Has("processorReservePercent") && !errors.Has("processorLimitPercent"))
        {
            errors.Add("processorReservePercent", $"The virtual machine reserve ({vm.ProcessorReservePercent} %) cannot be more than the limit ({vm.ProcessorLimitPercent} %).");
        }

        if (vm.ProcessorWeight is < 1 or > MaxWeight)
        {
            errors.Add("processorWeight", $"The relative weight must be between 1 and {MaxWeight}.");
        }
    }
}
