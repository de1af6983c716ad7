namespace HvWeb.Engine.Networking;

/// <summary>Running VMs use the switch, so it is not deleted or rebuilt (HTTP 409); the message names them.</summary>
public sealed class SwitchInUseException(string message) : Exception(message);
