using HvWeb.Engine.Networking;

namespace HvWeb.Web.Api.Contracts;

/// <summary>Global Network Settings → MAC Address Range, with how many dynamic addresses were handed out and are left.</summary>
public sealed record MacPoolDto(string Minimum, string Maximum, int Issued, long Available)
{
    public static MacPoolDto From(MacPoolSettings pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new(pool.Minimum, pool.Maximum, pool.Issued.Count, pool.Available);
    }
}
