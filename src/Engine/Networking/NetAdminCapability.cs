using System.Globalization;

namespace HvWeb.Engine.Networking;

/// <summary>Whether this process may create bridges and taps (CAP_NET_ADMIN in its effective capabilities).</summary>
public static class NetAdminCapability
{
    private const int CapNetAdmin = 12;

    /// <summary>Null when the process has CAP_NET_ADMIN, else the reason it cannot manage switches.</summary>
    public static string? Missing()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            return line is null ? "The process's capabilities could not be read from /proc/self/status." : FromCapEff(line["CapEff:".Length..].Trim());
        }
        catch (IOException e)
        {
            return $"The process's capabilities could not be read: {e.Message}";
        }
    }

    /// <summary>Reads the hexadecimal effective capability mask (e.g. "000001ffffffffff").</summary>
    public static string? FromCapEff(string hexMask)
    {
        var mask = ulong.Parse(hexMask, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << CapNetAdmin)) != 0
            ? null
            : "HvWeb's process lacks CAP_NET_ADMIN, so it cannot create the Linux bridges and taps behind virtual switches. Run the service as root or grant it CAP_NET_ADMIN (e.g. AmbientCapabilities=CAP_NET_ADMIN in its systemd unit, or --cap-add NET_ADMIN for a container).";
    }
}
