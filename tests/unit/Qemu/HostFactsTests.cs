using HvWeb.Engine.Host;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class HostFactsTests
{
    [Theory]
    [InlineData("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022", "7.2.22")]
    [InlineData("QEMU emulator version 8.2.0\n", "8.2.0")]
    [InlineData("something else", null)]
    public void ParseQemuVersion_VersionLine_ReturnsNumber(string text, string? expected)
    {
        Assert.Equal(expected, HostFacts.ParseQemuVersion(text));
    }

    [Fact]
    public void ParseMemTotalMb_Meminfo_ReturnsMiB()
    {
        Assert.Equal(3921, HostFacts.ParseMemTotalMb("MemTotal:        4015224 kB\nMemFree:          123 kB\n"));
    }
}
