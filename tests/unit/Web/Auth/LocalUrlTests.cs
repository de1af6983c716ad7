using HvWeb.Web.Auth;

namespace HvWeb.Tests.Unit.Web.Auth;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/vms?x=1", "/vms?x=1")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\r\nLocation: x", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void OrRoot_Url_OnlyLocalPathsKept(string? url, string expected) =>
        Assert.Equal(expected, LocalUrl.OrRoot(url));
}
