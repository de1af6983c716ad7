namespace HvWeb.Engine.Networking;

/// <summary>A new MAC address range (null = keep that end).</summary>
public sealed record MacPoolUpdate(string? Minimum, string? Maximum);
