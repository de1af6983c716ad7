namespace HvWeb.Engine.Errors;

/// <summary>No VM with that ID is registered on this host (HTTP 404).</summary>
public sealed class VmNotFoundException(Guid id)
    : Exception($"No virtual machine with ID {id} is registered on this host.")
{
    public Guid VmId { get; } = id;
}
