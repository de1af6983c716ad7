namespace HvWeb.Engine.Model;

/// <summary>
/// A partial change (PATCH, and the Settings dialog's Apply): null fields stay as they are. For
/// optional paths and names an empty string means "none" (no ISO, no floppy, no COM pipe, default
/// location). Lists replace the VM's list as a whole (the engine works out what was added, removed
/// or changed). Settings Hyper-V allows while the VM runs are applied to it; the others are refused
/// while it runs, with Hyper-V's reason; nothing is half-applied.
/// </summary>
public sealed record VmUpdateRequest
{
    public string? Name { get; init; }
    public string? Notes { get; init; }
    public int? MemoryStartupMb { get; init; }
    public bool? DynamicMemoryEnabled { get; init; }
    public int? MemoryMinimumMb { get; init; }
    public int? MemoryMaximumMb { get; init; }
    public int? MemoryBufferPercent { get; init; }
    public int? MemoryWeight { get; init; }
    public int? ProcessorCount { get; init; }
    public int? ProcessorReservePercent { get; init; }
    public int? ProcessorLimitPercent { get; init; }
    public int? ProcessorWeight { get; init; }
    public bool? ProcessorCompatibilityForMigration { get; init; }
    public bool? SecureBoot { get; init; }
    /// <summary>The first DVD drive's image (kept for API compatibility; <see cref="Drives"/> covers every drive).</summary>
    public string? IsoPath { get; init; }
    public IReadOnlyList<BootDevice>? BootOrder { get; init; }
    public int? ScsiControllerCount { get; init; }
    public IReadOnlyList<DriveDefinition>? Drives { get; init; }
    public IReadOnlyList<NetworkAdapterDefinition>? NetworkAdapters { get; init; }
    public string? Com1PipeName { get; init; }
    public string? Com2PipeName { get; init; }
    public string? FloppyPath { get; init; }
    public IntegrationServices? IntegrationServices { get; init; }
    public bool? CheckpointsEnabled { get; init; }
    public CheckpointType? CheckpointType { get; init; }
    public string? CheckpointFileLocation { get; init; }
    public string? SmartPagingFileLocation { get; init; }
    public AutomaticStartAction? AutomaticStartAction { get; init; }
    public int? AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction? AutomaticStopAction { get; init; }
}
