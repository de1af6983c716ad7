namespace HvWeb.Engine.Model;

/// <summary>What happens to the VM when the host service starts (Hyper-V's Automatic Start Action).</summary>
public enum AutomaticStartAction
{
    Nothing,
    StartIfRunning,
    AlwaysStart,
}
