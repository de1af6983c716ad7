namespace HvWeb.Engine.Networking;

/// <summary>No virtual switch with that ID or name exists on this host (HTTP 404).</summary>
public sealed class SwitchNotFoundException(string message) : Exception(message);
