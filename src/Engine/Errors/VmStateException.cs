using HvWeb.Engine.Model;

namespace HvWeb.Engine.Errors;

/// <summary>
/// The VM is in the wrong state or busy (HTTP 409), e.g. "VM 'web01' is Running; turn it off before deleting it."
/// </summary>
public sealed class VmStateException(string message, VmState? state = null) : Exception(message)
{
    public VmState? State { get; } = state;
}
