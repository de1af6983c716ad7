using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Vms;

/// <summary>A VM's running QEMU process as the manager holds it: its pid, QMP connection and watchers.</summary>
internal sealed class VmRuntime(int processId, QmpClient qmp, string socketFolder, DateTimeOffset startedAt)
{
    public int ProcessId { get; } = processId;
    public QmpClient Qmp { get; } = qmp;
    public string SocketFolder { get; } = socketFolder;
    /// <summary>When the QEMU process started (uptime counts from here).</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;
    public CancellationTokenSource Stopping { get; } = new();
    /// <summary>Completes when the process is gone and the manager has applied it.</summary>
    public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Set by an operation that ends the process on purpose and sets the final state itself (Save).</summary>
    public bool ExitOwnedByOperation { get; set; }
    /// <summary>Why the process is expected to end (for the event log), or null when an exit would be unexpected.</summary>
    public string? ExpectedExitReason { get; set; }
    /// <summary>The guest asked to power off (QMP SHUTDOWN with guest=true).</summary>
    public bool GuestShutDown { get; set; }
    public TimeSpan LastCpuTime { get; set; }
    /// <summary>The memory QEMU was started with (-m): the most the balloon can give the guest.</summary>
    public long MemoryCeilingMb { get; set; }
    /// <summary>Dynamic memory: the balloon target last asked for (MB), 0 before the first.</summary>
    public long BalloonTargetMb { get; set; }
    /// <summary>The guest's demand from its balloon statistics (MB), 0 when unknown.</summary>
    public long MemoryDemandMb { get; set; }
    public string MemoryStatus { get; set; } = "";
    /// <summary>Guest statistics polling was switched on for this process.</summary>
    public bool BalloonStatsEnabled { get; set; }
    public string Heartbeat { get; set; } = "";
    /// <summary>The guest agent answered at least once (so a silence is "Lost Communication", not "No Contact").</summary>
    public bool GuestAgentSeen { get; set; }
    public bool HeartbeatInFlight { get; set; }
    public DateTimeOffset LastHeartbeatAt { get; set; }
    public DateTimeOffset LastCpuSampleAt { get; set; }
}
