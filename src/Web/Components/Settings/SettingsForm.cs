using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// Everything the Settings dialog edits, as mutable fields bound to its controls. <see cref="ToRequest"/>
/// turns it into a <see cref="VmUpdateRequest"/> holding only what differs from the VM's definition.
/// </summary>
public sealed class SettingsForm
{
    public VmGeneration Generation { get; init; }
    public string Name { get; set; } = "";
    public string Notes { get; set; } = "";
    public int MemoryStartupMb { get; set; }
    public bool DynamicMemoryEnabled { get; set; }
    public int MemoryMinimumMb { get; set; }
    public int MemoryMaximumMb { get; set; }
    public int MemoryBufferPercent { get; set; }
    public int MemoryWeight { get; set; }
    public int ProcessorCount { get; set; }
    public int ProcessorReservePercent { get; set; }
    public int ProcessorLimitPercent { get; set; }
    public int ProcessorWeight { get; set; }
    public bool ProcessorCompatibilityForMigration { get; set; }
    public bool SecureBoot { get; set; }
    public List<BootDevice> BootOrder { get; init; } = [];
    public int ScsiControllerCount { get; set; }
    public List<DriveItem> Drives { get; init; } = [];
    public List<NetworkAdapterItem> NetworkAdapters { get; init; } = [];
    public bool Com1Attached { get; set; }
    public string Com1PipeName { get; set; } = "";
    public bool Com2Attached { get; set; }
    public string Com2PipeName { get; set; } = "";
    public bool FloppyAttached { get; set; }
    public string FloppyPath { get; set; } = "";
    public bool OperatingSystemShutdown { get; set; }
    public bool TimeSynchronization { get; set; }
    public bool DataExchange { get; set; }
    public bool Heartbeat { get; set; }
    public bool Backup { get; set; }
    public bool GuestServices { get; set; }
    public bool CheckpointsEnabled { get; set; }
    /// <summary>"Production checkpoints" (else "Standard checkpoints").</summary>
    public bool ProductionCheckpoints { get; set; }
    /// <summary>"Create standard checkpoints if it's not possible to create a production checkpoint".</summary>
    public bool StandardFallback { get; set; }
    /// <summary>"" = the default (&lt;VM folder&gt;/Snapshots).</summary>
    public string CheckpointFileLocation { get; set; } = "";
    /// <summary>"" = the default (the VM folder).</summary>
    public string SmartPagingFileLocation { get; set; } = "";
    public AutomaticStartAction AutomaticStartAction { get; set; }
    public int AutomaticStartDelaySeconds { get; set; }
    public AutomaticStopAction AutomaticStopAction { get; set; }

    public CheckpointType CheckpointType =>
        !ProductionCheckpoints ? CheckpointType.Standard
        : StandardFallback ? CheckpointType.Production : CheckpointType.ProductionOnly;

    public IntegrationServices IntegrationServices => new()
    {
        OperatingSystemShutdown = OperatingSystemShutdown,
        TimeSynchronization = TimeSynchronization,
        DataExchange = DataExchange,
        Heartbeat = Heartbeat,
        Backup = Backup,
        GuestServices = GuestServices,
    };

    public static SettingsForm From(VmDefinition vm) => new()
    {
        Generation = vm.Generation,
        Name = vm.Name,
        Notes = vm.Notes,
        MemoryStartupMb = vm.MemoryStartupMb,
        DynamicMemoryEnabled = vm.DynamicMemoryEnabled,
        MemoryMinimumMb = vm.MemoryMinimumMb,
        MemoryMaximumMb = vm.MemoryMaximumMb,
        MemoryBufferPercent = vm.MemoryBufferPercent,
        MemoryWeight = vm.MemoryWeight,
        ProcessorCount = vm.ProcessorCount,
        ProcessorReservePercent = vm.ProcessorReservePercent,
        ProcessorLimitPercent = vm.ProcessorLimitPercent,
        ProcessorWeight = vm.ProcessorWeight,
        ProcessorCompatibilityForMigration = vm.ProcessorCompatibilityForMigration,
        SecureBoot = vm.SecureBoot,
        BootOrder = [.. vm.BootOrder],
        ScsiControllerCount = vm.ScsiControllerCount,
        Drives = [.. vm.Drives.Select(DriveItem.From)],
        NetworkAdapters = [.. vm.NetworkAdapters.Select(NetworkAdapterItem.From)],
        Com1Attached = vm.Com1PipeName is not null,
        Com1PipeName = vm.Com1PipeName ?? "",
        Com2Attached = vm.Com2PipeName is not null,
        Com2PipeName = vm.Com2PipeName ?? "",
        FloppyAttached = vm.FloppyPath is not null,
        FloppyPath = vm.FloppyPath ?? "",
        OperatingSystemShutdown = vm.IntegrationServices.OperatingSystemShutdown,
        TimeSynchronization = vm.IntegrationServices.TimeSynchronization,
        DataExchange = vm.IntegrationServices.DataExchange,
        Heartbeat = vm.IntegrationServices.Heartbeat,
        Backup = vm.IntegrationServices.Backup,
        GuestServices = vm.IntegrationServices.GuestServices,
        CheckpointsEnabled = vm.CheckpointsEnabled,
        ProductionCheckpoints = vm.CheckpointType != CheckpointType.Standard,
        StandardFallback = vm.CheckpointType != CheckpointType.ProductionOnly,
        CheckpointFileLocation = vm.CheckpointFileLocation ?? "",
        SmartPagingFileLocation = vm.SmartPagingFileLocation ?? "",
        AutomaticStartAction = vm.AutomaticStartAction,
        AutomaticStartDelaySeconds = vm.AutomaticStartDelaySeconds,
        AutomaticStopAction = vm.AutomaticStopAction,
    };

    /// <summary>The change from <paramref name="vm"/>: only fields that differ are set (lists as a whole).</summary>
    public VmUpdateRequest ToRequest(VmDefinition vm)
    {
        var drives = Drives.Select(d => d.ToDefinition()).ToList();
        var adapters = NetworkAdapters.Select(a => a.ToDefinition()).ToList();
        return new VmUpdateRequest
        {
            Name = Changed(Name, vm.Name),
            Notes = Changed(Notes, vm.Notes),
            MemoryStartupMb = Changed(MemoryStartupMb, vm.MemoryStartupMb),
            DynamicMemoryEnabled = Changed(DynamicMemoryEnabled, vm.DynamicMemoryEnabled),
            MemoryMinimumMb = Changed(MemoryMinimumMb, vm.MemoryMinimumMb),
            MemoryMaximumMb = Changed(MemoryMaximumMb, vm.MemoryMaximumMb),
            MemoryBufferPercent = Changed(MemoryBufferPercent, vm.MemoryBufferPercent),
            MemoryWeight = Changed(MemoryWeight, vm.MemoryWeight),
            ProcessorCount = Changed(ProcessorCount, vm.ProcessorCount),
            ProcessorReservePercent = Changed(ProcessorReservePercent, vm.ProcessorReservePercent),
            ProcessorLimitPercent = Changed(ProcessorLimitPercent, vm.ProcessorLimitPercent),
            ProcessorWeight = Changed(ProcessorWeight, vm.ProcessorWeight),
            ProcessorCompatibilityForMigration = Changed(ProcessorCompatibilityForMigration, vm.ProcessorCompatibilityForMigration),
            SecureBoot = Changed(SecureBoot, vm.SecureBoot),
            BootOrder = BootOrder.SequenceEqual(vm.BootOrder) ? null : [.. BootOrder],
            ScsiControllerCount = Changed(ScsiControllerCount, vm.ScsiControllerCount),
            Drives = drives.SequenceEqual(vm.Drives) ? null : drives,
            NetworkAdapters = adapters.SequenceEqual(vm.NetworkAdapters) ? null : adapters,
            Com1PipeName = ChangedOptional(Com1Attached, Com1PipeName, vm.Com1PipeName),
            Com2PipeName = ChangedOptional(Com2Attached, Com2PipeName, vm.Com2PipeName),
            FloppyPath = ChangedOptional(FloppyAttached, FloppyPath, vm.FloppyPath),
            IntegrationServices = IntegrationServices == vm.IntegrationServices ? null : IntegrationServices,
            CheckpointsEnabled = Changed(CheckpointsEnabled, vm.CheckpointsEnabled),
            CheckpointType = CheckpointType == vm.CheckpointType ? null : CheckpointType,
            CheckpointFileLocation = Changed(CheckpointFileLocation, vm.CheckpointFileLocation ?? ""),
            SmartPagingFileLocation = Changed(SmartPagingFileLocation, vm.SmartPagingFileLocation ?? ""),
            AutomaticStartAction = AutomaticStartAction == vm.AutomaticStartAction ? null : AutomaticStartAction,
            AutomaticStartDelaySeconds = Changed(AutomaticStartDelaySeconds, vm.AutomaticStartDelaySeconds),
            AutomaticStopAction = AutomaticStopAction == vm.AutomaticStopAction ? null : AutomaticStopAction,
        };
    }

    /// <summary>What the browser alone can tell is missing (the engine checks the rest).</summary>
    public Dictionary<string, string[]> LocalErrors()
    {
        var errors = new Dictionary<string, string[]>();
        if (Com1Attached && Com1PipeName.Trim().Length == 0)
        {
            errors["com1PipeName"] = ["Type the name of the named pipe for COM 1, or choose None."];
        }

        if (Com2Attached && Com2PipeName.Trim().Length == 0)
        {
            errors["com2PipeName"] = ["Type the name of the named pipe for COM 2, or choose None."];
        }

        if (FloppyAttached && FloppyPath.Trim().Length == 0)
        {
            errors["floppyPath"] = ["Type the path of a virtual floppy disk (.vfd) file, or choose None."];
        }

        for (var i = 0; i < Drives.Count; i++)
        {
            if (Drives[i].Kind == DriveKind.HardDisk && Drives[i].Path.Trim().Length == 0)
            {
                errors[$"drives[{i}].path"] = ["Type the path of the virtual hard disk file."];
            }
        }

        for (var i = 0; i < Drives.Count; i++)
        {
            var drive = Drives[i];
            if (Drives.Take(i).Any(d => d.Controller == drive.Controller && d.ControllerNumber == drive.ControllerNumber && d.Location == drive.Location))
            {
                errors[$"drives[{i}].location"] = [$"Location {drive.Location} of {SettingsTree.ControllerName(drive.Controller, drive.ControllerNumber)} is already in use; choose another."];
            }
        }

        for (var i = 0; i < NetworkAdapters.Count; i++)
        {
            if (NetworkAdapters[i].StaticMacAddress && NetworkAdapters[i].MacAddress.Trim().Length == 0)
            {
                errors[$"networkAdapters[{i}].macAddress"] = ["Type a static MAC address such as 00-15-5D-01-02-03."];
            }
        }

        return errors;
    }

    private static T? Changed<T>(T value, T original) where T : struct => EqualityComparer<T>.Default.Equals(value, original) ? null : value;

    private static string? Changed(string value, string original) => value == original ? null : value;

    private static string? ChangedOptional(bool attached, string value, string? original)
    {
        var now = attached ? value : "";
        return now == (original ?? "") ? null : now;
    }
}
