namespace HvWeb.Engine.Errors;

/// <summary>
/// An operation failed for a reason outside the user's input (QEMU missing or failing to start,
/// qemu-img failing). The message carries QEMU's own words (HTTP 500 / 502 in the API).
/// </summary>
public sealed class VmOperationException : Exception
{
    public VmOperationException(string message) : base(message) { }
    public VmOperationException(string message, Exception inner) : base(message, inner) { }
}
