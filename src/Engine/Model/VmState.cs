namespace HvWeb.Engine.Model;

/// <summary>Hyper-V's VM states, driven by QEMU's QMP events and process lifetime (never guessed).</summary>
public enum VmState
{
    Off,
    Starting,
    Running,
    Paused,
    Saving,
    Saved,
    Stopping,
    Resetting,
}
