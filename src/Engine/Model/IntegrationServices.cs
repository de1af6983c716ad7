namespace HvWeb.Engine.Model;

/// <summary>
/// Settings → Management → Integration Services, with Hyper-V's defaults (all offered except Guest
/// services). On QEMU they go through the QEMU guest agent on a virtio-serial channel.
/// </summary>
public sealed record IntegrationServices
{
    public bool OperatingSystemShutdown { get; init; } = true;
    public bool TimeSynchronization { get; init; } = true;
    public bool DataExchange { get; init; } = true;
    public bool Heartbeat { get; init; } = true;
    public bool Backup { get; init; } = true;
    public bool GuestServices { get; init; }
}
