using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Networking;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>
/// Adapter guards with real traffic through a private switch, between two namespaces standing in for
/// guests (the tiny guest image has no network driver): MAC spoofing off cuts a "guest" that changes
/// its address, on lets it talk; the bandwidth maximum puts tc's token bucket (to the guest) and an nftables limit (from it) on the port.
/// </summary>
public sealed class GuardTests
{
    [Fact]
    public async Task Guards_SpoofingOffDropsChangedMac_OnKeepsIt_BandwidthOnPort()
    {
        using var data = new TempFolder();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var switches = host.Services.GetRequiredService<SwitchService>();
        var sw = await switches.CreateAsync(new SwitchRequest { Name = "Guarded", Type = SwitchType.Private }, default);
        try
        {
            var n = Random.Shared.Next(1, 250);
            await using var a = await FakeGuest.CreateAsync($"10.95.{n}.1", "02-00-5E-00-00-0A", sw.BridgeName);
            await using var b = await FakeGuest.CreateAsync($"10.95.{n}.2", "02-00-5E-00-00-0B", sw.BridgeName);
            var adapter = new NetworkAdapterDefinition { Id = Guid.NewGuid(), SwitchName = sw.Name, MacAddress = "02-00-5E-00-00-0A", BandwidthMaximumMbps = 10, DhcpGuard = true, RouterGuard = true };
            await switches.ApplyGuardsAsync(a.HostSide, adapter, default);
            Assert.True(await a.PingsAsync(b.Address), "guarded guest with its own MAC cannot reach the other");

            await a.SetMacAsync("02-00-5E-00-00-99");
            Assert.False(await a.PingsAsync(b.Address), "spoofing off: a changed MAC address still gets through");

            await ProcessRunner.RunAsync("nft", GuardCommands.DeleteTable(GuardCommands.Table(a.HostSide)), TimeSpan.FromSeconds(10), default);
            await ProcessRunner.RunAsync("tc", ["qdisc", "del", "dev", a.HostSide, "root"], TimeSpan.FromSeconds(10), default);
            await switches.ApplyGuardsAsync(a.HostSide, adapter with { MacAddressSpoofing = true }, default);
            Assert.True(await a.PingsAsync(b.Address), "spoofing on: the changed MAC address is cut off");

            var qdiscs = (await ProcessRunner.RunAsync("tc", ["qdisc", "show", "dev", a.HostSide], TimeSpan.FromSeconds(10), default)).StandardOutput;
            Assert.Contains("tbf", qdiscs, StringComparison.Ordinal);
            Assert.Contains("rate 10Mbit", qdiscs, StringComparison.Ordinal);
            var rules = (await ProcessRunner.RunAsync("nft", ["list", "table", "bridge", GuardCommands.Table(a.HostSide)], TimeSpan.FromSeconds(10), default)).StandardOutput;
            Assert.Contains("udp sport 67 drop", rules, StringComparison.Ordinal);
            Assert.Contains("nd-router-advert", rules, StringComparison.Ordinal);
            Assert.Contains("limit rate over 1250 kbytes/second", rules, StringComparison.Ordinal);
        }
        finally
        {
            await switches.DeleteAsync(sw.Id, default);
        }
    }
}
