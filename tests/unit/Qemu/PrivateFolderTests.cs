using System.Runtime.Versioning;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;

namespace HvWeb.Tests.Unit.Qemu;

[SupportedOSPlatform("linux")]
public sealed class PrivateFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-private-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EnsureSocketFolder_New_CreatesRootAndFolderOwnerOnly()
    {
        var root = Path.Combine(_folder, "hvweb-1234abcd");
        var socketFolder = Path.Combine(root, Guid.NewGuid().ToString("D"));

        PrivateFolder.EnsureSocketFolder(socketFolder);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(root));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(socketFolder));
    }

    [Fact]
    public void EnsureSocketFolder_ExistingOpenFolder_IsClosed()
    {
        var socketFolder = Path.Combine(_folder, "root", "vm");
        Directory.CreateDirectory(socketFolder);
        File.SetUnixFileMode(socketFolder, OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        PrivateFolder.EnsureSocketFolder(socketFolder);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(socketFolder));
    }

    [Fact]
    public void EnsureSocketFolder_StickyParent_IsLeftAlone()
    {
        var shared = Path.Combine(_folder, "shared");
        Directory.CreateDirectory(shared);
        var sharedMode = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;
        File.SetUnixFileMode(shared, sharedMode);

        PrivateFolder.EnsureSocketFolder(Path.Combine(shared, "vm"));

        Assert.Equal(sharedMode, File.GetUnixFileMode(shared));
    }

    [Fact]
    public void Ensure_SymbolicLink_Throws()
    {
        var target = Directory.CreateDirectory(Path.Combine(_folder, "elsewhere")).FullName;
        var link = Path.Combine(_folder, "link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Throws<VmOperationException>(() => PrivateFolder.Ensure(link));
    }
}
