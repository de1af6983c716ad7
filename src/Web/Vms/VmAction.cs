namespace HvWeb.Web.Vms;

/// <summary>The state changes of Hyper-V Manager's Actions pane, in its order.</summary>
public enum VmAction
{
    Start,
    TurnOff,
    ShutDown,
    Save,
    Pause,
    Resume,
    Reset,
}
