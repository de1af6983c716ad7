using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Networking;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>
/// Virtual switches as real Linux bridges (this host runs as root): external with the host sharing
/// the adapter or not (proven by pings from an outside namespace), internal, private, a VM's tap in
/// its switch, moved while running, removed at turn-off; refusals and the missing-switch start.
/// One QEMU process, no guest boot awaited.
/// </summary>
public sealed class SwitchTests
{
    [Fact]
    public async Task Switches_ExternalInternalPrivate_BridgesTapsTrafficAndCleanUp()
    {
        using var data = new TempFolder();
        await using var net = await TestNetwork.CreateAsync();
        var host = await EngineHost.StartAsync(data.Path);
        var hostDisposed = false;
        var switches = host.Services.GetRequiredService<SwitchService>();
        Assert.Null(switches.Unavailable);
        try
        {
            // External, shared: the adapter is in the bridge and the host's address moved to the bridge; the outside still reaches the host.
            Assert.True(await net.OutsidePingsAsync(net.HostAddress), "the test network does not work before any switch");
            var external = await switches.CreateAsync(new SwitchRequest { Name = "External", Type = SwitchType.External, PhysicalAdapter = net.HostNic }, default);
            net.Track(external.BridgeName);
            Assert.Equal(external.BridgeName, await TestNetwork.MasterOfAsync(net.HostNic));
            Assert.Empty(await TestNetwork.AddressesAsync(net.HostNic));
            Assert.Equal([net.HostAddress + "/24"], await TestNetwork.AddressesAsync(external.BridgeName));
            Assert.True(await net.OutsidePingsAsync(net.HostAddress), "external shared: the outside does not reach the host");

            // Not shared: the host keeps no address on it; the outside no longer reaches the host.
            external = await switches.UpdateAsync(external.Id, new SwitchRequest { AllowManagementOs = false }, default);
            Assert.Equal(external.BridgeName, await TestNetwork.MasterOfAsync(net.HostNic));
            Assert.Empty(await TestNetwork.AddressesAsync(external.BridgeName));
            Assert.False(await net.OutsidePingsAsync(net.HostAddress), "external not shared: the host still answers");

            // Removed: the adapter and its address are given back.
            await switches.DeleteAsync(external.Id, default);
            Assert.False(await TestNetwork.ExistsAsync(external.BridgeName));
            Assert.Null(await TestNetwork.MasterOfAsync(net.HostNic));
            Assert.Equal([net.HostAddress + "/24"], await TestNetwork.AddressesAsync(net.HostNic));
            Assert.True(await net.OutsidePingsAsync(net.HostAddress));

            // Internal gets the host's address; private none.
            var internalSwitch = await switches.CreateAsync(new SwitchRequest { Name = "Lab internal", Type = SwitchType.Internal, HostAddress = "10.96.7.1/24" }, default);
            net.Track(internalSwitch.BridgeName);
            var privateSwitch = await switches.CreateAsync(new SwitchRequest { Name = "Lab private", Type = SwitchType.Private }, default);
            net.Track(privateSwitch.BridgeName);
            Assert.Equal(["10.96.7.1/24"], await TestNetwork.AddressesAsync(internalSwitch.BridgeName));
            Assert.Empty(await TestNetwork.AddressesAsync(privateSwitch.BridgeName));
            var duplicate = await Assert.ThrowsAsync<VmValidationException>(() => switches.CreateAsync(new SwitchRequest { Name = "lab PRIVATE", Type = SwitchType.Private }, default));
            Assert.Contains("name", duplicate.Errors.Keys);

            // A VM on the internal switch: its tap is in the bridge; the switch cannot go while it runs.
            var manager = host.Manager;
            var vm = await manager.CreateAsync(new VmCreateRequest { Name = "net01", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios, SwitchName = "Lab internal" });
            var tap = TapNames.Of(vm.Id, 0);
            net.Track(tap);
            await manager.StartAsync(vm.Id);
            try
            {
                Assert.Equal(internalSwitch.BridgeName, await TestNetwork.MasterOfAsync(tap));
                var inUse = await Assert.ThrowsAsync<SwitchInUseException>(() => switches.DeleteAsync(internalSwitch.Id, default));
                Assert.Contains("net01", inUse.Message, StringComparison.Ordinal);

                // Connected elsewhere while running: the tap moves; Not Connected: it leaves every bridge.
                var adapter = manager.Get(vm.Id).Definition.NetworkAdapters[0];
                await manager.UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = [adapter with { SwitchName = "Lab private" }] });
                Assert.Equal(privateSwitch.BridgeName, await TestNetwork.MasterOfAsync(tap));
                await manager.UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = [adapter with { SwitchName = null }] });
                Assert.Null(await TestNetwork.MasterOfAsync(tap));
                await manager.UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = [adapter] });
                Assert.Equal(internalSwitch.BridgeName, await TestNetwork.MasterOfAsync(tap));
            }
            finally
            {
                await manager.TurnOffAsync(vm.Id);
            }

            Assert.False(await TestNetwork.ExistsAsync(tap), "the tap outlived its VM");

            // The MAC pool: each first start takes the next address; a deleted VM's address is not handed out again.
            var pool = host.Services.GetRequiredService<MacAddressPool>();
            var macs = new List<string> { manager.Get(vm.Id).Definition.NetworkAdapters[0].MacAddress! };
            for (var i = 2; i <= 3; i++)
            {
                var other = await manager.CreateAsync(new VmCreateRequest { Name = $"net0{i}", Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios });
                await manager.StartAsync(other.Id);
                await manager.TurnOffAsync(other.Id);
                macs.Add(manager.Get(other.Id).Definition.NetworkAdapters[0].MacAddress!);
                await manager.DeleteAsync(other.Id, deleteDisks: true);
            }

            Assert.Equal(3, macs.Distinct().Count());
            Assert.All(macs, m => Assert.True(MacAddressPool.InRange(m, pool.Current.Minimum, pool.Current.Maximum), $"{m} is outside the pool"));
            Assert.Equal(3, pool.Current.Issued.Count);

            // Renamed switch: the VMs on it follow the new name (as a renamed Hyper-V switch keeps its VMs).
            await switches.UpdateAsync(internalSwitch.Id, new SwitchRequest { Name = "Renamed" }, default);
            Assert.Equal("Renamed", manager.Get(vm.Id).Definition.NetworkAdapters[0].SwitchName);
            Assert.Equal(VmState.Off, manager.Get(vm.Id).State);

            // Rebuilt when the host service starts (after a reboot nothing of the bridge is left).
            await host.DisposeAsync();
            hostDisposed = true;
            await TestNetwork.IpAsync("link", "delete", "dev", privateSwitch.BridgeName);
            host = await EngineHost.StartAsync(data.Path);
            hostDisposed = false;
            switches = host.Services.GetRequiredService<SwitchService>();
            Assert.True(await TestNetwork.ExistsAsync(privateSwitch.BridgeName));
            Assert.Equal(["10.96.7.1/24"], await TestNetwork.AddressesAsync(internalSwitch.BridgeName));

            foreach (var sw in switches.List())
            {
                await switches.DeleteAsync(sw.Id, default);
            }

            Assert.False(await TestNetwork.ExistsAsync(privateSwitch.BridgeName));
            Assert.False(await TestNetwork.ExistsAsync(internalSwitch.BridgeName));
        }
        finally
        {
            if (!hostDisposed)
            {
                await host.DisposeAsync();
            }
        }
    }
}
