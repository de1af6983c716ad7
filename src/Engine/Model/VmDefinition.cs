namespace HvWeb.Engine.Model;

/// <summary>
/// A VM's configuration: the source of truth, stored as
/// <c>&lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;.json</c>. Everything needed to register the VM again
/// is here; the database is only an index and a journal.
/// </summary>
public sealed record VmDefinition
{
    /// <summary>
    /// Version of this JSON layout (not the Hyper-V configuration version). 2: the console's
    /// settings (files of version 1 are migrated when read, see Vms.VmConfigMigration).
    /// </summary>
    public int SchemaVersion { get; init; } = 2;
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
    /// <summary>Dynamic memory: the balloon moves between <see cref="MemoryMinimumMb"/> and <see cref="MemoryMaximumMb"/> from the guest's demand.</summary>
    public bool DynamicMemoryEnabled { get; init; }
    public int MemoryMinimumMb { get; init; } = 512;
    public int MemoryMaximumMb { get; init; } = 1048576;
    /// <summary>Memory buffer: the share of the guest's demand kept on top of it (5–2000 %, Hyper-V's default 20).</summary>
    public int MemoryBufferPercent { get; init; } = 20;
    /// <summary>Memory weight (0–10000, default 5000): which VM gets memory first when the host is short.</summary>
    public int MemoryWeight { get; init; } = 5000;
    public int ProcessorCount { get; init; } = 1;
    /// <summary>Virtual machine reserve, % of the VM's processors (0–100).</summary>
    public int ProcessorReservePercent { get; init; }
    /// <summary>Virtual machine limit, % of the VM's processors (0–100).</summary>
    public int ProcessorLimitPercent { get; init; } = 100;
    /// <summary>Relative weight (0–10000, default 100).</summary>
    public int ProcessorWeight { get; init; } = 100;
    /// <summary>Compatibility: "migrate to a physical computer with a different processor version" (a baseline CPU model).</summary>
    public bool ProcessorCompatibilityForMigration { get; init; }
    /// <summary>Generation 2 only: Secure Boot in the UEFI firmware.</summary>
    public bool SecureBoot { get; init; }
    /// <summary>SCSI controllers (0–4); generation 2 starts with one, generation 1 with none.</summary>
    public int ScsiControllerCount { get; init; } = 1;
    public IReadOnlyList<DriveDefinition> Drives { get; init; } = [];
    public IReadOnlyList<NetworkAdapterDefinition> NetworkAdapters { get; init; } = [];
    /// <summary>Generation 1: COM 1 as a named pipe (a unix socket in the VM's runtime folder); null = none.</summary>
    public string? Com1PipeName { get; init; }
    /// <summary>Generation 1: COM 2 as a named pipe; null = none.</summary>
    public string? Com2PipeName { get; init; }
    /// <summary>Generation 1: the virtual floppy disk (.vfd) in the diskette drive; null = none.</summary>
    public string? FloppyPath { get; init; }
    public IntegrationServices IntegrationServices { get; init; } = new();
    public bool CheckpointsEnabled { get; init; } = true;
    public CheckpointType CheckpointType { get; init; } = CheckpointType.Production;
    /// <summary>Checkpoint File Location; null = <c>&lt;VM folder&gt;/Snapshots</c>.</summary>
    public string? CheckpointFileLocation { get; init; }
    /// <summary>The checkpoint the VM runs from ("Now" sits under it in the tree); null = no checkpoint.</summary>
    public Guid? ParentCheckpointId { get; init; }
    /// <summary>Smart Paging File Location; null = the VM folder.</summary>
    public string? SmartPagingFileLocation { get; init; }
    public IReadOnlyList<BootDevice> BootOrder { get; init; } = [BootDevice.Cd, BootDevice.HardDrive, BootDevice.Network, BootDevice.Floppy];
    public AutomaticStartAction AutomaticStartAction { get; init; } = AutomaticStartAction.StartIfRunning;
    public int AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction AutomaticStopAction { get; init; } = AutomaticStopAction.Save;
    /// <summary>Set when the host service stopped while the VM ran (for <see cref="AutomaticStartAction.StartIfRunning"/>).</summary>
    public bool WasRunningAtHostStop { get; init; }
    /// <summary>
    /// Set on a VM read from a schema version 1 file: its QEMU had no balloon and no guest agent
    /// channel, so a state it saved restores only into the same devices. Cleared at its next start
    /// from Off, which gets the full device set.
    /// </summary>
    public bool LegacyDeviceSet { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The VM folder that holds <c>Virtual Machines</c>, <c>Virtual Hard Disks</c>, <c>Snapshots</c>.</summary>
    public required string Folder { get; init; }
}
