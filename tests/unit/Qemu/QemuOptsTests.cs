using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class QemuOptsTests
{
    [Theory]
    [InlineData("/vms/web01/serial.log", "/vms/web01/serial.log")]
    [InlineData("/vms/Lab, week 1/serial.log", "/vms/Lab,, week 1/serial.log")]
    [InlineData("a,,b", "a,,,,b")]
    [InlineData("", "")]
    public void Escape_Value_DoublesEveryComma(string value, string expected)
    {
        Assert.Equal(expected, QemuOpts.Escape(value));
    }
}
