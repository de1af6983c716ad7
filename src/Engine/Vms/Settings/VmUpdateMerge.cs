using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>A VM's definition with a partial change applied (null = unchanged, "" = none for optional names and paths).</summary>
public static class VmUpdateMerge
{
    public static VmDefinition Apply(VmDefinition old, VmUpdateRequest r)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(r);
        var drives = r.Drives ?? old.Drives;
        if (r.IsoPath is not null && r.Drives is null)
        {
            // The first DVD drive's image (the older API field).
            var first = drives.FirstOrDefault(d => d.Kind == DriveKind.Dvd);
            drives = [.. drives.Select(d => ReferenceEquals(d, first) ? d with { Path = Optional(r.IsoPath) } : d)];
        }

        return old with
        {
            Name = r.Name ?? old.Name,
            Notes = r.Notes ?? old.Notes,
            MemoryStartupMb = r.MemoryStartupMb ?? old.MemoryStartupMb,
            DynamicMemoryEnabled = r.DynamicMemoryEnabled ?? old.DynamicMemoryEnabled,
            MemoryMinimumMb = r.MemoryMinimumMb ?? old.MemoryMinimumMb,
            MemoryMaximumMb = r.MemoryMaximumMb ?? old.MemoryMaximumMb,
            MemoryBufferPercent = r.MemoryBufferPercent ?? old.MemoryBufferPercent,
            MemoryWeight = r.MemoryWeight ?? old.MemoryWeight,
            ProcessorCount = r.ProcessorCount ?? old.ProcessorCount,
            ProcessorReservePercent = r.ProcessorReservePercent ?? old.ProcessorReservePercent,
            ProcessorLimitPercent = r.ProcessorLimitPercent ?? old.ProcessorLimitPercent,
            ProcessorWeight = r.ProcessorWeight ?? old.ProcessorWeight,
            ProcessorCompatibilityForMigration = r.ProcessorCompatibilityForMigration ?? old.ProcessorCompatibilityForMigration,
            SecureBoot = r.SecureBoot ?? old.SecureBoot,
            BootOrder = r.BootOrder ?? old.BootOrder,
            ScsiControllerCount = r.ScsiControllerCount ?? old.ScsiControllerCount,
            Drives = drives,
            NetworkAdapters = r.NetworkAdapters ?? old.NetworkAdapters,
            Com1PipeName = r.Com1PipeName is null ? old.Com1PipeName : Optional(r.Com1PipeName),
            Com2PipeName = r.Com2PipeName is null ? old.Com2PipeName : Optional(r.Com2PipeName),
            FloppyPath = r.FloppyPath is null ? old.FloppyPath : Optional(r.FloppyPath),
            IntegrationServices = r.IntegrationServices ?? old.IntegrationServices,
            CheckpointsEnabled = r.CheckpointsEnabled ?? old.CheckpointsEnabled,
            CheckpointType = r.CheckpointType ?? old.CheckpointType,
            CheckpointFileLocation = r.CheckpointFileLocation is null ? old.CheckpointFileLocation : Optional(r.CheckpointFileLocation),
            SmartPagingFileLocation = r.SmartPagingFileLocation is null ? old.SmartPagingFileLocation : Optional(r.SmartPagingFileLocation),
            AutomaticStartAction = r.AutomaticStartAction ?? old.AutomaticStartAction,
            AutomaticStartDelaySeconds = r.AutomaticStartDelaySeconds ?? old.AutomaticStartDelaySeconds,
            AutomaticStopAction = r.AutomaticStopAction ?? old.AutomaticStopAction,
        };
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
