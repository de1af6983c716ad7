namespace HvWeb.Engine.Networking;

/// <summary>Hyper-V's three kinds of virtual switch.</summary>
public enum SwitchType
{
    /// <summary>Bound to a physical network adapter: VMs reach the physical network.</summary>
    External,
    /// <summary>VMs and the management operating system (the host) talk; nothing leaves the host.</summary>
    Internal,
    /// <summary>VMs talk only with each other.</summary>
    Private,
}
