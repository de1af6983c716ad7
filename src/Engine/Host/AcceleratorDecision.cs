namespace HvWeb.Engine.Host;

/// <summary>How this host runs guests, and why (shown in the UI, e.g. "KVM probe failed: … ; using TCG").</summary>
public sealed record AcceleratorDecision(Accelerator Accelerator, string Reason);
