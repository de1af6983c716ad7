namespace HvWeb.Engine.Vms;

/// <summary>What a user can ask of a VM; <see cref="VmStateRules"/> says in which states each applies.</summary>
public enum VmOperation
{
    Start,
    TurnOff,
    ShutDown,
    Save,
    Pause,
    Resume,
    Reset,
    Delete,
    ChangeHardware,
    Screenshot,
}
