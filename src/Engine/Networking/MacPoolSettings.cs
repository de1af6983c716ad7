namespace HvWeb.Engine.Networking;

/// <summary>Global Network Settings → MAC Address Range, and how much of it is handed out.</summary>
public sealed record MacPoolSettings
{
    /// <summary>"00-15-5D-xx-yy-00".</summary>
    public required string Minimum { get; init; }
    /// <summary>"00-15-5D-xx-yy-FF".</summary>
    public required string Maximum { get; init; }
    /// <summary>Dynamic addresses handed out since the last reset (never handed out again until then).</summary>
    public IReadOnlyList<string> Issued { get; init; } = [];
    /// <summary>How many addresses of the range are still free.</summary>
    public long Available => Math.Max(0, MacAddressPool.Parse(Maximum) - MacAddressPool.Parse(Minimum) + 1 - Issued.Count(a => MacAddressPool.InRange(a, Minimum, Maximum)));
}
