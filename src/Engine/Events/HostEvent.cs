namespace HvWeb.Engine.Events;

/// <summary>
/// An event-log entry. <see cref="Source"/> follows Hyper-V: "Hyper-V-VMMS" for management,
/// "Hyper-V-Worker" for a VM's own runtime.
/// </summary>
public sealed record HostEvent
{
    public const string ManagementSource = "Hyper-V-VMMS";
    public const string WorkerSource = "Hyper-V-Worker";

    public long Id { get; init; }
    public required DateTimeOffset TimeUtc { get; init; }
    public required EventLevel Level { get; init; }
    public required string Source { get; init; }
    public Guid? VmId { get; init; }
    public string? VmName { get; init; }
    public required string Message { get; init; }
}
