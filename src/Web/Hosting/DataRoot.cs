namespace HvWeb.Web.Hosting;

/// <summary>The host's data root: <c>--data DIR</c>, else <c>${XDG_DATA_HOME:-~/.local/share}/hvweb</c>.</summary>
public static class DataRoot
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        // On Linux this is $XDG_DATA_HOME, or ~/.local/share when it is not set.
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(userData, "hvweb");
    }

    /// <summary>Creates the folder (owner-only) when it does not exist yet.</summary>
    public static void EnsureExists(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("HvWeb runs on Linux.");
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }
}
