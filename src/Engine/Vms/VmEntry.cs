using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// The manager's live record of one VM. Fields are read and written under <see cref="Sync"/>;
/// <see cref="Gate"/> lets one operation run at a time (others are refused, never queued silently).
/// </summary>
internal sealed class VmEntry(VmDefinition definition, VmState state)
{
    public Lock Sync { get; } = new();
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public VmDefinition Definition { get; set; } = definition;
    public VmState State { get; set; } = state;
    /// <summary>What the running operation is doing ("Saving", "Starting"), for the busy message and the Status column.</summary>
    public string? Activity { get; set; }
    /// <summary>The last problem worth showing in the Status column (cleared by the next successful start).</summary>
    public string Status { get; set; } = "";
    public VmRuntime? Runtime { get; set; }
    public double CpuUsagePercent { get; set; }
    public long MemoryAssignedMb { get; set; }

    public VmSnapshot ToSnapshot(DateTimeOffset now)
    {
        lock (Sync)
        {
            var runtime = Runtime;
            return new VmSnapshot
            {
                Definition = Definition,
                State = State,
                CpuUsagePercent = runtime is null ? 0 : CpuUsagePercent,
                MemoryAssignedMb = runtime is null ? 0 : MemoryAssignedMb,
                UptimeSeconds = runtime is null ? 0 : Math.Max(0, (long)(now - runtime.StartedAt).TotalSeconds),
                Status = Activity ?? Status,
                ProcessId = runtime?.ProcessId,
                MemoryDemandMb = runtime?.MemoryDemandMb ?? 0,
                MemoryStatus = runtime is not null && Definition.DynamicMemoryEnabled ? runtime.MemoryStatus : "",
                Heartbeat = runtime is not null && Definition.IntegrationServices.Heartbeat ? runtime.Heartbeat : "",
            };
        }
    }
}
