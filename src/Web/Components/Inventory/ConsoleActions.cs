using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Web.Vms;
using MudBlazor;

namespace HvWeb.Web.Components.Inventory;

/// <summary>What each action of the Actions pane is called, its icon, and why it cannot apply to a VM right now.</summary>
public static class ConsoleActions
{
    public static IReadOnlyList<ConsoleAction> ForVm { get; } =
    [
        ConsoleAction.Connect, ConsoleAction.Settings, ConsoleAction.Start, ConsoleAction.TurnOff, ConsoleAction.ShutDown,
        ConsoleAction.Save, ConsoleAction.Pause, ConsoleAction.Resume, ConsoleAction.Reset, ConsoleAction.Checkpoint,
        ConsoleAction.UpgradeConfigurationVersion, ConsoleAction.Move, ConsoleAction.Export, ConsoleAction.Rename, ConsoleAction.Delete,
    ];

    /// <summary>The visible label, with Hyper-V's "..." where a dialog follows.</summary>
    public static string Label(ConsoleAction action) => action switch
    {
        ConsoleAction.NewVirtualMachine => "New Virtual Machine...",
        ConsoleAction.HyperVSettings => "Hyper-V Settings...",
        ConsoleAction.VirtualSwitchManager => "Virtual Switch Manager...",
        ConsoleAction.Refresh => "Refresh",
        ConsoleAction.Connect => "Connect...",
        ConsoleAction.Settings => "Settings...",
        ConsoleAction.Start => "Start",
        ConsoleAction.TurnOff => "Turn Off...",
        ConsoleAction.ShutDown => "Shut Down...",
        ConsoleAction.Save => "Save",
        ConsoleAction.Pause => "Pause",
        ConsoleAction.Resume => "Resume",
        ConsoleAction.Reset => "Reset",
        ConsoleAction.Checkpoint => "Checkpoint",
        ConsoleAction.UpgradeConfigurationVersion => "Upgrade Configuration Version...",
        ConsoleAction.Rename => "Rename...",
        ConsoleAction.Delete => "Delete...",
        ConsoleAction.NewHardDisk => "Hard Disk...",
        ConsoleAction.EditDisk => "Edit Disk...",
        ConsoleAction.InspectDisk => "Inspect Disk...",
        ConsoleAction.Export => "Export...",
        ConsoleAction.Move => "Move...",
        ConsoleAction.ImportVirtualMachine => "Import Virtual Machine...",
    };

    /// <summary>The accessible name: the label without "...", and for a VM's action the VM's name ("Start web01").</summary>
    public static string AccessibleName(ConsoleAction action, VmSnapshot? vm)
    {
        var label = Label(action).TrimEnd('.');
        return vm is null ? label : action == ConsoleAction.Connect ? $"Connect to {vm.Name}" : $"{label} {vm.Name}";
    }

    /// <summary>The state change behind the action, when it is one.</summary>
    public static VmAction? PowerAction(ConsoleAction action) => action switch
    {
        ConsoleAction.Start => VmAction.Start,
        ConsoleAction.TurnOff => VmAction.TurnOff,
        ConsoleAction.ShutDown => VmAction.ShutDown,
        ConsoleAction.Save => VmAction.Save,
        ConsoleAction.Pause => VmAction.Pause,
        ConsoleAction.Resume => VmAction.Resume,
        ConsoleAction.Reset => VmAction.Reset,
        _ => null,
    };

    /// <summary>Null when the action applies; otherwise the sentence for its tooltip (<see cref="VmStateRules"/>'s where it is a state rule).</summary>
    public static string? DisabledReason(ConsoleAction action, VmSnapshot vm, bool busy)
    {
        if (busy && action is not (ConsoleAction.Connect or ConsoleAction.Settings))
        {
            return $"An action on VM '{vm.Name}' is under way; wait for it to finish.";
        }

        if (PowerAction(action) is { } power)
        {
            return VmStateRules.Refusal(vm.Name, vm.State, VmActions.Operation(power));
        }

        if (action == ConsoleAction.Checkpoint)
        {
            return CheckpointRefusal(vm);
        }

        return action switch
        {
            ConsoleAction.Delete => VmStateRules.Refusal(vm.Name, vm.State, VmOperation.Delete),
            ConsoleAction.UpgradeConfigurationVersion => UpgradeRefusal(vm),
            ConsoleAction.Export => vm.State is VmState.Off or VmState.Saved or VmState.Running or VmState.Paused ? null
                : $"VM '{vm.Name}' is {vm.State}; it can be exported when it is Running, Paused, Saved or Off.",
            ConsoleAction.Move => MoveRefusal(vm),
            _ => null,
        };
    }

    private static string? UpgradeRefusal(VmSnapshot vm)
    {
        var highest = ConfigurationVersion.Supported[^1];
        if (vm.Definition.Version >= highest)
        {
            return $"VM '{vm.Name}' already has configuration version {highest}, the highest this host supports.";
        }

        return VmStateRules.Refusal(vm.Name, vm.State, VmOperation.ChangeHardware);
    }

    /// <summary>Why the storage cannot be moved now (the VM is in a transitional state), or null.</summary>
    public static string? MoveRefusal(VmSnapshot vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.State is VmState.Off or VmState.Saved or VmState.Running or VmState.Paused ? null
            : $"VM '{vm.Name}' is {vm.State}; its storage can be moved when it is Running, Paused, Saved or Off.";
    }

    public static string Icon(ConsoleAction action) => action switch
    {
        ConsoleAction.NewVirtualMachine => Icons.Material.Filled.AddToQueue,
        ConsoleAction.HyperVSettings => Icons.Material.Filled.Tune,
        ConsoleAction.VirtualSwitchManager => Icons.Material.Filled.Lan,
        ConsoleAction.Refresh => Icons.Material.Filled.Refresh,
        ConsoleAction.Connect => Icons.Material.Filled.DesktopWindows,
        ConsoleAction.Settings => Icons.Material.Filled.Settings,
        ConsoleAction.Start => Icons.Material.Filled.PlayArrow,
        ConsoleAction.TurnOff => Icons.Material.Filled.PowerOff,
        ConsoleAction.ShutDown => Icons.Material.Filled.PowerSettingsNew,
        ConsoleAction.Save => Icons.Material.Filled.Save,
        ConsoleAction.Pause => Icons.Material.Filled.Pause,
        ConsoleAction.Resume => Icons.Material.Filled.PlayCircleOutline,
        ConsoleAction.Reset => Icons.Material.Filled.RestartAlt,
        ConsoleAction.Checkpoint => Icons.Material.Filled.CameraAlt,
        ConsoleAction.UpgradeConfigurationVersion => Icons.Material.Filled.Upgrade,
        ConsoleAction.Rename => Icons.Material.Filled.DriveFileRenameOutline,
        ConsoleAction.Delete => Icons.Material.Filled.Delete,
        ConsoleAction.NewHardDisk => Icons.Material.Filled.Storage,
        ConsoleAction.EditDisk => Icons.Material.Filled.EditNote,
        ConsoleAction.InspectDisk => Icons.Material.Filled.ManageSearch,
        ConsoleAction.Export => Icons.Material.Filled.Output,
        ConsoleAction.Move => Icons.Material.Filled.DriveFileMove,
        ConsoleAction.ImportVirtualMachine => Icons.Material.Filled.Input,
    };

    /// <summary>Why a checkpoint cannot be taken now (Hyper-V's rules), or null.</summary>
    public static string? CheckpointRefusal(VmSnapshot vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return !vm.Definition.CheckpointsEnabled ? $"Checkpoints are disabled for '{vm.Name}'. Turn them on in Settings > Checkpoints."
            : vm.State is VmState.Off or VmState.Saved or VmState.Running or VmState.Paused ? null
            : $"VM '{vm.Name}' is {vm.State}; a checkpoint can be taken when it is Running, Paused, Saved or Off.";
    }
}
