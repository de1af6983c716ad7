using System.Runtime.Versioning;
using HvWeb.Web.Auth;

namespace HvWeb.Tests.Unit.Web.Auth;

[SupportedOSPlatform("linux")]
public sealed class AdminTokenTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-token-").FullName;

    [Fact]
    public void ReadOrCreate_NoFile_Creates32RandomBytesOwnerOnly()
    {
        var path = AdminTokenFile.PathIn(_folder);

        var token = AdminTokenFile.ReadOrCreate(path);

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(token, File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ReadOrCreate_FileExists_KeepsToken()
    {
        var path = AdminTokenFile.PathIn(_folder);
        var first = AdminTokenFile.ReadOrCreate(path);

        Assert.Equal(first, AdminTokenFile.ReadOrCreate(path));
    }

    [Fact]
    public void ReadOrCreate_TwoHosts_DifferentTokens()
    {
        var other = Directory.CreateTempSubdirectory("hvweb-token-").FullName;
        try
        {
            Assert.NotEqual(AdminTokenFile.ReadOrCreate(AdminTokenFile.PathIn(_folder)), AdminTokenFile.ReadOrCreate(AdminTokenFile.PathIn(other)));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData("s3cret-token", true)]
    [InlineData("s3cret-tokem", false)]
    [InlineData("s3cret", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_Candidate_OnlyTheExactToken(string? candidate, bool expected)
    {
        var token = new AdminToken("s3cret-token", "test");

        Assert.Equal(expected, token.Matches(candidate));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
