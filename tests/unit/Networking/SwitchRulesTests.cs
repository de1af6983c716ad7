using HvWeb.Engine.Networking;

namespace HvWeb.Tests.Unit.Networking;

public sealed class SwitchRulesTests
{
    private static VirtualSwitch Switch(string name, SwitchType type = SwitchType.Private, string? nic = null) =>
        new() { Id = Guid.NewGuid(), Name = name, Type = type, PhysicalAdapter = nic };

    [Fact]
    public void Check_ValidPrivate_NoErrors() =>
        Assert.Empty(SwitchRules.Check(Switch("Lab"), [], []));

    [Fact]
    public void Check_EmptyOrDuplicateName_NamesTheField()
    {
        Assert.Contains("name", SwitchRules.Check(Switch("  "), [], []).Keys);
        var errors = SwitchRules.Check(Switch("lab"), [Switch("Lab")], []);
        Assert.Contains("already exists", errors["name"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExternalWithoutOrWithUnknownAdapter_Refused()
    {
        Assert.Contains("physicalAdapter", SwitchRules.Check(Switch("Ext", SwitchType.External), [], ["eth0"]).Keys);
        var errors = SwitchRules.Check(Switch("Ext", SwitchType.External, "eth9"), [], ["eth0"]);
        Assert.Contains("eth0", errors["physicalAdapter"][0], StringComparison.Ordinal);
        Assert.Empty(SwitchRules.Check(Switch("Ext", SwitchType.External, "eth0"), [], ["eth0"]));
    }

    [Fact]
    public void Check_AdapterOfAnotherExternalSwitch_Refused()
    {
        var errors = SwitchRules.Check(Switch("B", SwitchType.External, "eth0"), [Switch("A", SwitchType.External, "eth0")], ["eth0"]);
        Assert.Contains("already bound", errors["physicalAdapter"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_VlanAndHostAddress_Rules()
    {
        Assert.Contains("managementVlanId", SwitchRules.Check(Switch("P") with { ManagementVlanId = 5 }, [], []).Keys);
        Assert.Contains("managementVlanId", SwitchRules.Check(Switch("E", SwitchType.External, "eth0") with { ManagementVlanId = 5000 }, [], ["eth0"]).Keys);
        Assert.Contains("hostAddress", SwitchRules.Check(Switch("P") with { HostAddress = "10.0.0.1/24" }, [], []).Keys);
        Assert.Contains("hostAddress", SwitchRules.Check(Switch("I", SwitchType.Internal) with { HostAddress = "10.0.0.1" }, [], []).Keys);
        Assert.Empty(SwitchRules.Check(Switch("I", SwitchType.Internal) with { HostAddress = "10.0.0.1/24" }, [], []));
    }

    [Fact]
    public void Store_SaveThenLoad_RoundTrips()
    {
        var folder = Directory.CreateTempSubdirectory("hvweb-switches-").FullName;
        try
        {
            var store = new SwitchStore(folder);
            Assert.Empty(store.Load());
            var saved = Switch("Lab", SwitchType.Internal) with { HostAddress = "10.0.0.1/24", Notes = "room 4" };
            store.Save([saved]);
            var loaded = Assert.Single(store.Load());
            Assert.Equal(saved.Id, loaded.Id);
            Assert.Equal(SwitchType.Internal, loaded.Type);
            Assert.Equal("room 4", loaded.Notes);
            Assert.Contains("\"Internal\"", File.ReadAllText(Path.Combine(folder, SwitchStore.FileName)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
