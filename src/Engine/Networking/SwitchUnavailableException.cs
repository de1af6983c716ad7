namespace HvWeb.Engine.Networking;

/// <summary>This host cannot build switches (no CAP_NET_ADMIN): HTTP 409 with the reason.</summary>
public sealed class SwitchUnavailableException(string message) : Exception(message);
