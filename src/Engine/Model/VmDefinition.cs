namespace HvWeb.Engine.Model;

/// <summary>
/// A VM's configuration: the source of truth, stored as
/// <c>&lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;.json</c>. Everything needed to register the VM again
/// is here; the database is only an index and a journal.
/// </summary>
public sealed record VmDefinition
{
    /// <summary>Version of this JSON layout (not the Hyper-V configuration version).</summary>
    public int SchemaVersion { get; init; } = 1;
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string Notes { get; init; } = "";
    public VmGeneration Generation { get; init; } = VmGeneration.Two;
    public ConfigurationVersion Version { get; init; } = ConfigurationVersion.Default;
    /// <summary>
    /// The versioned QEMU machine type the VM was created on (e.g. "pc-i440fx-7.2"), kept so that a
    /// saved state still restores after QEMU is upgraded. Null: the generation's current default.
    /// </summary>
    public string? MachineType { get; init; }
    public int MemoryStartupMb { get; init; } = 1024;
    public int ProcessorCount { get; init; } = 1;
    public IReadOnlyList<DriveDefinition> Drives { get; init; } = [];
    public IReadOnlyList<BootDevice> BootOrder { get; init; } = [BootDevice.Cd, BootDevice.HardDrive, BootDevice.Network, BootDevice.Floppy];
    public AutomaticStartAction AutomaticStartAction { get; init; } = AutomaticStartAction.StartIfRunning;
    public int AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction AutomaticStopAction { get; init; } = AutomaticStopAction.Save;
    /// <summary>Set when the host service stopped while the VM ran (for <see cref="AutomaticStartAction.StartIfRunning"/>).</summary>
    public bool WasRunningAtHostStop { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The VM folder that holds <c>Virtual Machines</c>, <c>Virtual Hard Disks</c>, <c>Snapshots</c>.</summary>
    public required string Folder { get; init; }
}
