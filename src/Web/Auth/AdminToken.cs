using System.Security.Cryptography;
using System.Text;

namespace HvWeb.Web.Auth;

/// <summary>
/// The administrator's secret. Only a SHA-256 of it is kept, and candidates are compared in
/// constant time (the hashes have equal length whatever the candidate's length).
/// </summary>
public sealed class AdminToken
{
    private readonly byte[] _hash;

    public AdminToken(string value, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        Source = source;
    }

    /// <summary>Where the token comes from, for people: the token file's path or the configuration key.</summary>
    public string Source { get; }

    public bool Matches(string? candidate) =>
        candidate is not null
        && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
