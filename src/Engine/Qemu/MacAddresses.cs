using System.Security.Cryptography;

namespace HvWeb.Engine.Qemu;

/// <summary>MAC addresses in Hyper-V's form ("00-15-5D-xx-yy-zz") and QEMU's ("00:15:5d:xx:yy:zz").</summary>
public static class MacAddresses
{
    /// <summary>Microsoft's organizationally unique identifier, the prefix of Hyper-V's dynamic addresses.</summary>
    public const string HyperVPrefix = "00-15-5D";

    /// <summary>
    /// A dynamic address for an adapter until the host's MAC pool exists: 00-15-5D plus three bytes
    /// of SHA-256(VM-ID, adapter ID) — the same adapter always gets the same address, different
    /// adapters almost surely different ones (1 in 16.7 million per pair).
    /// </summary>
    public static string Derive(Guid vmId, Guid adapterId)
    {
        Span<byte> input = stackalloc byte[32];
        vmId.TryWriteBytes(input[..16]);
        adapterId.TryWriteBytes(input[16..]);
        var hash = SHA256.HashData(input);
        return $"{HyperVPrefix}-{hash[0]:X2}-{hash[1]:X2}-{hash[2]:X2}";
    }

    public static string ToQemu(string hyperV) => hyperV.Replace('-', ':').ToLowerInvariant();
}
