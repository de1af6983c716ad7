namespace HvWeb.Engine.Model;

/// <summary>What a VM looks like right now: its definition plus measured runtime figures.</summary>
public sealed record VmSnapshot
{
    public required VmDefinition Definition { get; init; }
    public required VmState State { get; init; }
    /// <summary>Share of the host's total CPU time used by the VM's QEMU process, 0–100.</summary>
    public double CpuUsagePercent { get; init; }
    /// <summary>Memory assigned to the running guest, from QMP (0 when off).</summary>
    public long MemoryAssignedMb { get; init; }
    public long UptimeSeconds { get; init; }
    /// <summary>Dynamic memory: the guest's demand from its balloon statistics; 0 when unknown or off.</summary>
    public long MemoryDemandMb { get; init; }
    /// <summary>The Memory Status column: "" when off or without dynamic memory; "OK", "Low" or "Warning".</summary>
    public string MemoryStatus { get; init; } = "";
    /// <summary>The Heartbeat column (guest agent ping): "" when off or the service is disabled; "OK", "No Contact" or "Lost Communication".</summary>
    public string Heartbeat { get; init; } = "";
    /// <summary>Free text for the Status column (an operation under way, the last error).</summary>
    public string Status { get; init; } = "";
    /// <summary>Process id of the QEMU process, when one runs.</summary>
    public int? ProcessId { get; init; }

    public Guid Id => Definition.Id;
    public string Name => Definition.Name;
}
