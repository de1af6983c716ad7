namespace HvWeb.Web.Components.Inventory;

/// <summary>The Actions pane: the host's section first, then the selected VM's, in Hyper-V Manager's order.</summary>
public enum ConsoleAction
{
    NewVirtualMachine,
    HyperVSettings,
    VirtualSwitchManager,
    Refresh,
    Connect,
    Settings,
    Start,
    TurnOff,
    ShutDown,
    Save,
    Pause,
    Resume,
    Reset,
    Checkpoint,
    UpgradeConfigurationVersion,
    Rename,
    Delete,
    NewHardDisk,
    EditDisk,
    InspectDisk,
    Export,
    Move,
    ImportVirtualMachine,
}
