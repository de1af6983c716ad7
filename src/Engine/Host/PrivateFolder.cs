using HvWeb.Engine.Errors;

namespace HvWeb.Engine.Host;

/// <summary>
/// Folders only this user may enter. The VNC and QMP sockets give full control of a VM, and they
/// live under /tmp (<see cref="VmPaths.SocketFolder"/>), so the socket root and each VM's socket
/// folder are 0700, real directories (not symbolic links) and ours (chmod fails otherwise).
/// </summary>
public static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="socketFolder"/> and its parent (the socket root) as private folders.</summary>
    /// <exception cref="VmOperationException">a folder exists but is a link or belongs to someone else.</exception>
    public static void EnsureSocketFolder(string socketFolder)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(socketFolder))
            ?? throw new ArgumentException($"'{socketFolder}' has no parent folder.", nameof(socketFolder));
        Ensure(root);
        Ensure(socketFolder);
    }

    /// <inheritdoc cref="EnsureSocketFolder"/>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("HvWeb runs virtual machines on Linux only.");
        }

        Directory.CreateDirectory(path, OwnerOnly);
        if (new DirectoryInfo(path).LinkTarget is not null)
        {
            throw new VmOperationException($"The socket folder '{path}' is a symbolic link; remove it and try again.");
        }

        try
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VmOperationException($"The socket folder '{path}' belongs to another user; remove it and try again.", e);
        }
    }
}
