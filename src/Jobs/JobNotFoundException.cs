namespace HvWeb.Jobs;

/// <summary>No job with that id (HTTP 404).</summary>
public sealed class JobNotFoundException(Guid id) : Exception($"No job with ID {id} exists on this host.")
{
    public Guid JobId { get; } = id;
}
