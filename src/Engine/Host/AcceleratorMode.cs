namespace HvWeb.Engine.Host;

/// <summary>Setting: probe KVM and fall back to TCG (Auto), or force one.</summary>
public enum AcceleratorMode
{
    Auto,
    Kvm,
    Tcg,
}
