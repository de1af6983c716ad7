namespace HvWeb.Engine.Host;

/// <summary>
/// Hyper-V Settings, the server part (Hyper-V Manager → Hyper-V Settings…): default folders, the
/// simultaneous storage migrations and the Enhanced Session Mode policy. Stored by
/// <see cref="HostSettingsStore"/> as <c>&lt;data root&gt;/host-settings.json</c>.
/// </summary>
public sealed record HostSettings
{
    public const int MinStorageMigrations = 1;
    public const int MaxStorageMigrations = 16;

    /// <summary>
    /// Virtual Hard Disks: where new disks go when the VM is stored in the default place. Null: in
    /// each VM's own folder (<c>&lt;VM folder&gt;/&lt;name&gt;/Virtual Hard Disks</c>), HvWeb's default.
    /// </summary>
    public string? VirtualHardDisksFolder { get; init; }

    /// <summary>Virtual Machines: where a new VM's folder is made unless the wizard names another location.</summary>
    public required string VirtualMachinesFolder { get; init; }

    /// <summary>Storage Migrations: how many storage moves run at once (1–16, Hyper-V's default 2).</summary>
    public int StorageMigrations { get; init; } = 2;

    /// <summary>
    /// Enhanced Session Mode Policy: "Allow enhanced session mode". Stored; enhanced sessions (RDP
    /// over a virtio-serial channel) come in a later issue, until then every session is basic.
    /// </summary>
    public bool EnhancedSessionModeAllowed { get; init; }
}
