namespace HvWeb.Engine.Host;

/// <summary>What <c>GET /api/v1/host</c> shows about this host.</summary>
public sealed record HostInfo
{
    public required string Name { get; init; }
    public required Accelerator Accelerator { get; init; }
    /// <summary>Why this accelerator (e.g. "KVM probe failed: failed to set MSR 0x10a; using TCG").</summary>
    public required string AcceleratorReason { get; init; }
    public required string QemuVersion { get; init; }
    public required int LogicalProcessors { get; init; }
    public required long MemoryTotalMb { get; init; }
    public required string DataRoot { get; init; }
    public required string DefaultVmFolder { get; init; }
    /// <summary>Processor limit and weight are enforced (cgroup v2 writable); otherwise they are stored and shown only.</summary>
    public bool CpuControlsEnforced { get; init; }
    /// <summary>Why processor controls are (not) enforced on this host.</summary>
    public string CpuControlsReason { get; init; } = "";
}
