using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Settings;

/// <summary>Builds Hyper-V's Settings tree for a VM's generation from the form's current state.</summary>
public static class SettingsTree
{
    public const string HardwareHeading = "Hardware";
    public const string ManagementHeading = "Management";

    public static IReadOnlyList<SettingsNode> Build(SettingsForm form)
    {
        var gen1 = form.Generation == VmGeneration.One;
        var nodes = new List<SettingsNode>
        {
            Heading(HardwareHeading),
            Node("add", "Add Hardware", "", 1, SettingsPageKind.AddHardware, 0, "scsiControllerCount", "networkAdapters"),
            Node("boot", gen1 ? "BIOS" : "Firmware", BootSummary(form), 1, SettingsPageKind.BootOrder, 0, "bootOrder"),
        };
        if (!gen1)
        {
            nodes.Add(Node("security", "Security", form.SecureBoot ? "Secure Boot enabled" : "Secure Boot disabled", 1, SettingsPageKind.Security, 0, "secureBoot"));
        }

        nodes.Add(Node("memory", "Memory", $"{form.MemoryStartupMb} MB", 1, SettingsPageKind.Memory, 0,
            "memoryStartupMb", "dynamicMemoryEnabled", "memoryMinimumMb", "memoryMaximumMb", "memoryBufferPercent", "memoryWeight"));
        nodes.Add(Node("processor", "Processor", form.ProcessorCount == 1 ? "1 Virtual processor" : $"{form.ProcessorCount} Virtual processors", 1,
            SettingsPageKind.Processor, 0, "processorCount", "processorReservePercent", "processorLimitPercent", "processorWeight"));
        nodes.Add(Node("compatibility", "Compatibility", "", 2, SettingsPageKind.Compatibility, 0, "processorCompatibilityForMigration"));
        var first = true;
        if (gen1)
        {
            for (var c = 0; c < 2; c++)
            {
                nodes.Add(Node($"ide{c}", $"IDE Controller {c}", "", 1, SettingsPageKind.IdeController, c, first ? ["drives"] : []));
                first = false;
                AddDrives(nodes, form, ControllerType.Ide, c);
            }
        }

        for (var c = 0; c < form.ScsiControllerCount; c++)
        {
            nodes.Add(Node($"scsi{c}", "SCSI Controller", form.ScsiControllerCount > 1 ? $"{c}" : "", 1, SettingsPageKind.ScsiController, c, first ? ["drives"] : []));
            first = false;
            AddDrives(nodes, form, ControllerType.Scsi, c);
        }

        for (var i = 0; i < form.NetworkAdapters.Count; i++)
        {
            var adapter = form.NetworkAdapters[i];
            var prefix = $"networkAdapters[{i}]";
            nodes.Add(Node($"nic:{adapter.Id}", adapter.Legacy ? "Legacy Network Adapter" : "Network Adapter",
                adapter.SwitchName.Length == 0 ? "Not connected" : adapter.SwitchName, 1, SettingsPageKind.NetworkAdapter, i,
                prefix)); // the whole adapter, its Advanced Features too (the parent shows a child's problem)
            nodes.Add(Node($"nicadv:{adapter.Id}", "Advanced Features", "", 2, SettingsPageKind.NetworkAdvanced, i,
                $"{prefix}.staticMacAddress", $"{prefix}.macAddress", $"{prefix}.macAddressSpoofing", $"{prefix}.dhcpGuard", $"{prefix}.routerGuard"));
        }

        if (gen1)
        {
            nodes.Add(Node("com1", "COM 1", form.Com1Attached ? form.Com1PipeName : "None", 1, SettingsPageKind.ComPort, 1, "com1PipeName"));
            nodes.Add(Node("com2", "COM 2", form.Com2Attached ? form.Com2PipeName : "None", 1, SettingsPageKind.ComPort, 2, "com2PipeName"));
            nodes.Add(Node("diskette", "Diskette Drive", form.FloppyAttached ? FileName(form.FloppyPath) : "None", 1, SettingsPageKind.Diskette, 0, "floppyPath"));
        }

        nodes.Add(Heading(ManagementHeading));
        nodes.Add(Node("name", "Name", form.Name, 1, SettingsPageKind.Name, 0, "name", "notes"));
        nodes.Add(Node("integration", "Integration Services", IntegrationSummary(form.IntegrationServices), 1, SettingsPageKind.IntegrationServices, 0, "integrationServices"));
        nodes.Add(Node("checkpoints", "Checkpoints", CheckpointSummary(form), 1, SettingsPageKind.Checkpoints, 0, "checkpointsEnabled", "checkpointType"));
        nodes.Add(Node("checkpointLocation", "Checkpoint File Location", form.CheckpointFileLocation.Length == 0 ? "Default" : form.CheckpointFileLocation, 1,
            SettingsPageKind.CheckpointFileLocation, 0, "checkpointFileLocation"));
        nodes.Add(Node("smartPaging", "Smart Paging File Location", form.SmartPagingFileLocation.Length == 0 ? "Default" : form.SmartPagingFileLocation, 1,
            SettingsPageKind.SmartPagingFileLocation, 0, "smartPagingFileLocation"));
        nodes.Add(Node("autostart", "Automatic Start Action", StartSummary(form.AutomaticStartAction), 1, SettingsPageKind.AutomaticStart, 0,
            "automaticStartAction", "automaticStartDelaySeconds"));
        nodes.Add(Node("autostop", "Automatic Stop Action", StopSummary(form.AutomaticStopAction), 1, SettingsPageKind.AutomaticStop, 0, "automaticStopAction"));
        return nodes;
    }

    /// <summary>Hyper-V's words for a boot entry: generation 1's BIOS startup order, generation 2's firmware boot entries.</summary>
    public static string BootDeviceName(BootDevice device, VmGeneration generation) => (device, generation) switch
    {
        (BootDevice.Cd, VmGeneration.One) => "CD",
        (BootDevice.HardDrive, VmGeneration.One) => "IDE",
        (BootDevice.Network, VmGeneration.One) => "Legacy Network adapter",
        (BootDevice.Cd, _) => "DVD Drive",
        (BootDevice.HardDrive, _) => "Hard Drive",
        (BootDevice.Network, _) => "Network Adapter",
        (BootDevice.Floppy, _) => "Floppy",
        _ => device.ToString(),
    };

    public static string ControllerName(ControllerType controller, int number) =>
        controller == ControllerType.Ide ? $"IDE Controller {number}" : $"SCSI Controller {number}";

    public static string FileName(string path) => path.Length == 0 ? "None" : Path.GetFileName(path) is { Length: > 0 } name ? name : path;

    private static void AddDrives(List<SettingsNode> nodes, SettingsForm form, ControllerType controller, int number)
    {
        foreach (var (drive, index) in form.Drives.Select((d, i) => (d, i))
                     .Where(x => x.d.Controller == controller && x.d.ControllerNumber == number).OrderBy(x => x.d.Location))
        {
            nodes.Add(Node($"drive:{index}", drive.Kind == DriveKind.Dvd ? "DVD Drive" : "Hard Drive", FileName(drive.Path), 2,
                SettingsPageKind.Drive, index, $"drives[{index}]"));
        }
    }

    private static string BootSummary(SettingsForm form) =>
        form.BootOrder.Count == 0 ? "" : $"Boot from {BootDeviceName(form.BootOrder[0], form.Generation)}";

    private static string IntegrationSummary(IntegrationServices s)
    {
        var offered = new[] { s.OperatingSystemShutdown, s.TimeSynchronization, s.DataExchange, s.Heartbeat, s.Backup, s.GuestServices }.Count(b => b);
        return offered switch { 6 => "All services offered", 0 => "No services offered", _ => "Some services offered" };
    }

    private static string CheckpointSummary(SettingsForm form) => !form.CheckpointsEnabled ? "Disabled" : form.CheckpointType switch
    {
        CheckpointType.Standard => "Standard",
        CheckpointType.Production => "Production",
        CheckpointType.ProductionOnly => "Production only",
        _ => "",
    };

    private static string StartSummary(AutomaticStartAction action) => action switch
    {
        AutomaticStartAction.Nothing => "None",
        AutomaticStartAction.StartIfRunning => "Restart if previously running",
        AutomaticStartAction.AlwaysStart => "Always start",
        _ => "",
    };

    private static string StopSummary(AutomaticStopAction action) => action switch
    {
        AutomaticStopAction.Save => "Save",
        AutomaticStopAction.TurnOff => "Turn off",
        AutomaticStopAction.ShutDown => "Shut down",
        _ => "",
    };

    private static SettingsNode Heading(string label) => new(label, label, "", 0, SettingsPageKind.AddHardware, 0, []) { IsHeading = true };

    private static SettingsNode Node(string key, string label, string summary, int depth, SettingsPageKind page, int index, params string[] fields) =>
        new(key, label, summary, depth, page, index, fields);
}
