namespace HvWeb.Engine.Host;

/// <summary>How guests are executed: hardware virtualization (KVM) or QEMU's software emulation (TCG).</summary>
public enum Accelerator
{
    Tcg,
    Kvm,
}
