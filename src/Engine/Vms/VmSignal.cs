namespace HvWeb.Engine.Vms;

/// <summary>What moves a VM's state: an operation the manager began, or what QEMU reported.</summary>
public enum VmSignal
{
    /// <summary>The manager launches QEMU.</summary>
    Launching,
    /// <summary>QMP RESUME: the guest's CPUs run (while Starting, the start operation decides).</summary>
    QmpResume,
    /// <summary>The start operation finished: QEMU runs the guest and its files are in order.</summary>
    StartCompleted,
    /// <summary>QMP STOP: the guest's CPUs stopped (pause, or the first step of a save).</summary>
    QmpStop,
    /// <summary>The manager sent the ACPI power button (Shut Down).</summary>
    PowerButton,
    /// <summary>The guest did not shut down within the timeout.</summary>
    ShutDownTimedOut,
    /// <summary>The manager sent system_reset.</summary>
    ResetRequested,
    /// <summary>QMP RESET: the reset happened.</summary>
    QmpReset,
    /// <summary>The manager began writing the saved state.</summary>
    SaveBegun,
    /// <summary>The saved state was written completely and QEMU exited.</summary>
    SaveCompleted,
    /// <summary>Saving failed; the VM goes on as it was.</summary>
    SaveFailed,
    /// <summary>The QEMU process is gone (turned off, guest powered off, crashed).</summary>
    ProcessExited,
    /// <summary>Launch failed before the guest ran.</summary>
    LaunchFailed,
}
