namespace HvWeb.Engine.Host;

/// <summary>
/// A change of <see cref="HostSettings"/> (PATCH /host/settings): null = unchanged. For
/// <see cref="VirtualHardDisksFolder"/>, "" = back to each VM's own folder.
/// </summary>
public sealed record HostSettingsUpdate
{
    public string? VirtualHardDisksFolder { get; init; }
    public string? VirtualMachinesFolder { get; init; }
    public int? StorageMigrations { get; init; }
    public bool? EnhancedSessionModeAllowed { get; init; }
}
