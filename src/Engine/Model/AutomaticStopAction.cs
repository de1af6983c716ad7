namespace HvWeb.Engine.Model;

/// <summary>What happens to a running VM when the host service stops (Hyper-V's Automatic Stop Action).</summary>
public enum AutomaticStopAction
{
    Save,
    TurnOff,
    ShutDown,
}
