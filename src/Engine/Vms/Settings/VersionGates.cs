using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>
/// Features Hyper-V 2016 ties to a configuration version (Microsoft's "supported features by
/// virtual machine configuration version" table), the ones HvWeb models. A setting that needs a
/// newer version is refused with the version it needs; Upgrade Configuration Version lifts it.
/// </summary>
public static class VersionGates
{
    /// <summary>Production checkpoints: 6.2.</summary>
    public static ConfigurationVersion ProductionCheckpoints { get; } = new(6, 2);

    /// <summary>More than 64 virtual processors ("virtual processor count"): 8.0.</summary>
    public static ConfigurationVersion LargeProcessorCount { get; } = new(8, 0);

    /// <summary>More than 1 TB of memory ("large memory VMs"): 8.0.</summary>
    public static ConfigurationVersion LargeMemory { get; } = new(8, 0);

    /// <summary>The processor count above which <see cref="LargeProcessorCount"/> applies.</summary>
    public const int ProcessorsBeforeLargeCount = 64;

    /// <summary>1 TB: the memory above which <see cref="LargeMemory"/> applies.</summary>
    public const int MemoryMbBeforeLargeMemory = 1024 * 1024;

    /// <summary>12 TB: Hyper-V 2016's largest VM memory (configuration version 8.0).</summary>
    public const int MaxMemoryMb = 12 * 1024 * 1024;

    public static string Needs(string feature, ConfigurationVersion needed, VmDefinition vm) =>
        $"{feature} need configuration version {needed} or later; VM '{vm.Name}' has {vm.Version}. Upgrade its configuration version (one-way) first.";
}
