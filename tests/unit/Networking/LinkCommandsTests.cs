using HvWeb.Engine.Networking;

namespace HvWeb.Tests.Unit.Networking;

public sealed class LinkCommandsTests
{
    [Fact]
    public void Bridge_Tap_And_Master_AreArgumentLists()
    {
        Assert.Equal(["link", "add", "name", "hvbr-0123abcd", "type", "bridge"], LinkCommands.AddBridge("hvbr-0123abcd"));
        Assert.Equal(["tuntap", "add", "dev", "hvtap-0123ab0", "mode", "tap"], LinkCommands.AddTap("hvtap-0123ab0"));
        Assert.Equal(["link", "set", "dev", "hvtap-0123ab0", "master", "hvbr-0123abcd"], LinkCommands.SetMaster("hvtap-0123ab0", "hvbr-0123abcd"));
        Assert.Equal(["link", "set", "dev", "eth1", "nomaster"], LinkCommands.NoMaster("eth1"));
        Assert.Equal(["address", "add", "10.0.0.1/24", "dev", "hvbr-0123abcd"], LinkCommands.AddAddress("hvbr-0123abcd", "10.0.0.1/24"));
        Assert.Equal(["link", "add", "link", "hvbr-0123abcd", "name", "hvbr-0123abcd.7", "type", "vlan", "id", "7"], LinkCommands.AddVlan("hvbr-0123abcd", 7));
        Assert.Equal(["route", "replace", "default", "via", "10.0.0.254", "dev", "hvbr-0123abcd"], LinkCommands.AddDefaultRoute("hvbr-0123abcd", "10.0.0.254"));
    }

    [Fact]
    public void Names_FitInIfNameSize()
    {
        var id = Guid.Parse("0123abcd-0000-0000-0000-000000000000");
        Assert.Equal("hvbr-0123abcd", VirtualSwitch.BridgeNameOf(id));
        Assert.Equal("hvtap-0123ab11", TapNames.Of(id, 11));
        Assert.True(TapNames.Of(id, 11).Length <= 15);
        Assert.StartsWith(TapNames.Prefix(id), TapNames.Of(id, 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000001ffffffffff", true)]
    [InlineData("0000000000001000", true)]
    [InlineData("0000000000000000", false)]
    [InlineData("0000000000000fff", false)]
    public void FromCapEff_NetAdminBit_DecidesAvailability(string mask, bool available)
    {
        var reason = NetAdminCapability.FromCapEff(mask);
        Assert.Equal(available, reason is null);
        if (!available)
        {
            Assert.Contains("CAP_NET_ADMIN", reason, StringComparison.Ordinal);
        }
    }
}
