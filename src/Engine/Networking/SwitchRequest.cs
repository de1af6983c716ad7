namespace HvWeb.Engine.Networking;

/// <summary>What a user asks for when creating or changing a virtual switch (null = keep, on a change).</summary>
public sealed record SwitchRequest
{
    public string? Name { get; init; }
    public SwitchType? Type { get; init; }
    public string? Notes { get; init; }
    public string? PhysicalAdapter { get; init; }
    public bool? AllowManagementOs { get; init; }
    public int? ManagementVlanId { get; init; }
    public string? HostAddress { get; init; }
}
