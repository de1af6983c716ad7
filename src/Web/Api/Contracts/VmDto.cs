using HvWeb.Engine.Model;

namespace HvWeb.Web.Api.Contracts;

/// <summary>A VM as the API shows it (Hyper-V's words; generation as 1 or 2, version as "8.0").</summary>
public sealed record VmDto
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Notes { get; init; }
    public required VmState State { get; init; }
    public required int Generation { get; init; }
    public required string Version { get; init; }
    public required int ProcessorCount { get; init; }
    public required int MemoryStartupMb { get; init; }
    /// <summary>Percent of the host's CPU time, one decimal.</summary>
    public required double CpuUsage { get; init; }
    public required long MemoryAssignedMb { get; init; }
    public required long UptimeSeconds { get; init; }
    public required string Status { get; init; }
    public required string Folder { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public required AutomaticStartAction AutomaticStartAction { get; init; }
    public required int AutomaticStartDelaySeconds { get; init; }
    public required AutomaticStopAction AutomaticStopAction { get; init; }
    public required IReadOnlyList<BootDevice> BootOrder { get; init; }
    public required IReadOnlyList<DriveDto> Drives { get; init; }
    /// <summary>Dynamic memory: the guest's demand (MB, 0 when unknown), Memory Status ("OK", "Low", "Warning") and Heartbeat ("OK", "No Contact", "Lost Communication").</summary>
    public long MemoryDemandMb { get; init; }
    public string MemoryStatus { get; init; } = "";
    public string Heartbeat { get; init; } = "";
    public bool DynamicMemoryEnabled { get; init; }
    public int MemoryMinimumMb { get; init; }
    public int MemoryMaximumMb { get; init; }
    public int MemoryBufferPercent { get; init; }
    public int MemoryWeight { get; init; }
    public int ProcessorReservePercent { get; init; }
    public int ProcessorLimitPercent { get; init; }
    public int ProcessorWeight { get; init; }
    public bool ProcessorCompatibilityForMigration { get; init; }
    public bool SecureBoot { get; init; }
    public int ScsiControllerCount { get; init; }
    public IReadOnlyList<NetworkAdapterDefinition> NetworkAdapters { get; init; } = [];
    public string? Com1PipeName { get; init; }
    public string? Com2PipeName { get; init; }
    public string? FloppyPath { get; init; }
    public IntegrationServices IntegrationServices { get; init; } = new();
    public bool CheckpointsEnabled { get; init; }
    public CheckpointType CheckpointType { get; init; }
    public string? CheckpointFileLocation { get; init; }
    public string? SmartPagingFileLocation { get; init; }

    public static VmDto From(VmSnapshot vm)
    {
        var definition = vm.Definition;
        return new VmDto
        {
            Id = definition.Id,
            Name = definition.Name,
            Notes = definition.Notes,
            State = vm.State,
            Generation = (int)definition.Generation,
            Version = definition.Version.ToString(),
            ProcessorCount = definition.ProcessorCount,
            MemoryStartupMb = definition.MemoryStartupMb,
            CpuUsage = Math.Round(vm.CpuUsagePercent, 1),
            MemoryAssignedMb = vm.MemoryAssignedMb,
            UptimeSeconds = vm.UptimeSeconds,
            Status = vm.Status,
            Folder = definition.Folder,
            CreatedUtc = definition.CreatedUtc,
            AutomaticStartAction = definition.AutomaticStartAction,
            AutomaticStartDelaySeconds = definition.AutomaticStartDelaySeconds,
            AutomaticStopAction = definition.AutomaticStopAction,
            BootOrder = definition.BootOrder,
            Drives = [.. definition.Drives.Select(DriveDto.From)],
            MemoryDemandMb = vm.MemoryDemandMb,
            MemoryStatus = vm.MemoryStatus,
            Heartbeat = vm.Heartbeat,
            DynamicMemoryEnabled = definition.DynamicMemoryEnabled,
            MemoryMinimumMb = definition.MemoryMinimumMb,
            MemoryMaximumMb = definition.MemoryMaximumMb,
            MemoryBufferPercent = definition.MemoryBufferPercent,
            MemoryWeight = definition.MemoryWeight,
            ProcessorReservePercent = definition.ProcessorReservePercent,
            ProcessorLimitPercent = definition.ProcessorLimitPercent,
            ProcessorWeight = definition.ProcessorWeight,
            ProcessorCompatibilityForMigration = definition.ProcessorCompatibilityForMigration,
            SecureBoot = definition.SecureBoot,
            ScsiControllerCount = definition.ScsiControllerCount,
            NetworkAdapters = definition.NetworkAdapters,
            Com1PipeName = definition.Com1PipeName,
            Com2PipeName = definition.Com2PipeName,
            FloppyPath = definition.FloppyPath,
            IntegrationServices = definition.IntegrationServices,
            CheckpointsEnabled = definition.CheckpointsEnabled,
            CheckpointType = definition.CheckpointType,
            CheckpointFileLocation = definition.CheckpointFileLocation,
            SmartPagingFileLocation = definition.SmartPagingFileLocation,
        };
    }
}
