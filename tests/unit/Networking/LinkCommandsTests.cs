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

public sealed class GuardCommandsTests
{
    private static readonly HvWeb.Engine.Model.NetworkAdapterDefinition Adapter = new() { Id = Guid.NewGuid(), MacAddress = "00-15-5D-07-2A-05" };

    [Fact]
    public void Nft_SpoofingOff_DropsOtherSourceMacsOnBothHooks()
    {
        var commands = GuardCommands.Nft("hvtap-abcdef0", Adapter);
        Assert.Equal(["add", "table", "bridge", "hvg-hvtap-abcdef0"], commands[0]);
        var rules = commands.Where(c => c[0] == "add" && c[1] == "rule").ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal(["iifname", "hvtap-abcdef0", "ether", "saddr", "!=", "00:15:5d:07:2a:05", "drop"], r.Skip(5)));
        Assert.Equal(["forward", "input"], rules.Select(r => r[4]));
    }

    [Fact]
    public void Nft_SpoofingOnNoGuards_NoTable() =>
        Assert.Empty(GuardCommands.Nft("hvtap-abcdef0", Adapter with { MacAddressSpoofing = true }));

    [Fact]
    public void Nft_DhcpRouterGuardsAndBandwidth_Rules()
    {
        var rules = GuardCommands.Nft("t", Adapter with { MacAddressSpoofing = true, DhcpGuard = true, RouterGuard = true, BandwidthMaximumMbps = 10 })
            .Where(c => c[1] == "rule" && c[4] == "forward").Select(c => string.Join(' ', c.Skip(7))).ToList();
        Assert.Equal(["udp sport 67 drop", "icmpv6 type { nd-router-advert , nd-redirect } drop", "icmp type redirect drop", "limit rate over 1250 kbytes/second burst 15000 bytes drop"], rules);
    }

    [Fact]
    public void Bandwidth_TokenBucketTowardsTheVm()
    {
        Assert.Empty(GuardCommands.Bandwidth("t", 0));
        Assert.Equal(["qdisc", "replace", "dev", "t", "root", "tbf", "rate", "100mbit", "burst", "125000", "latency", "50ms"], Assert.Single(GuardCommands.Bandwidth("t", 100)));
    }
}

public sealed class VlanCommandsTests
{
    [Fact]
    public void Vlan_AccessAndTrunkPorts_AreArgumentLists()
    {
        Assert.Equal(["link", "set", "dev", "hvbr-1", "type", "bridge", "vlan_filtering", "1"], LinkCommands.VlanFiltering("hvbr-1"));
        Assert.Equal(["vlan", "del", "dev", "hvtap-1", "vid", "1"], LinkCommands.LeaveDefaultVlan("hvtap-1"));
        Assert.Equal(["vlan", "add", "dev", "hvtap-1", "vid", "42", "pvid", "untagged"], LinkCommands.AccessVlan("hvtap-1", 42));
        Assert.Equal(["vlan", "add", "dev", "eth1", "vid", "42"], LinkCommands.TrunkVlan("eth1", 42));
    }
}
