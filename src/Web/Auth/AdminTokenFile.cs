using System.Buffers.Text;
using System.Security.Cryptography;

namespace HvWeb.Web.Auth;

/// <summary><c>&lt;DataRoot&gt;/admin-token</c>: 32 random bytes, base64url, readable by the owner only.</summary>
public static class AdminTokenFile
{
    public const string FileName = "admin-token";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string PathIn(string dataRoot) => Path.Combine(dataRoot, FileName);

    /// <summary>Reads the token, or creates the file with a new one when it is missing or empty.</summary>
    public static string ReadOrCreate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("HvWeb runs on Linux.");
        }

        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(token);
        }

        File.SetUnixFileMode(path, OwnerReadWrite);
        return token;
    }
}
