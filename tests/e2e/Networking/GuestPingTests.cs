using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Networking;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>
/// Pings between two real tiny generation 1 guests, one with a network adapter (virtio-net) and one
/// with a legacy network adapter (tulip), on HvWeb's switches, typed into their serial shells. One boot of each: the adapters move between switches
/// while the VMs run. Internal (host at 10.77.0.1): guest↔guest and guest↔host, no way to the outside; private: guest↔guest
/// only, the host's address no longer answers; external (shared) on the outside namespace of
/// <see cref="TestNetwork"/>: guest↔outside and guest→host; external not shared: guest→outside, not the host; MAC address
/// spoofing: after a MAC change the guest with spoofing on still reaches the other, the one with spoofing off does not.
/// </summary>
public sealed class GuestPingTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TinyGuests_PingEachOtherAndTheHost_OnInternalPrivateAndExternalSwitches()
    {
        using var data = new TempFolder();
        await using var net = await TestNetwork.CreateAsync();
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var manager = host.Manager;
        var switches = host.Services.GetRequiredService<SwitchService>();
        Assert.Null(switches.Unavailable);
        var vms = new List<Guid>();
        try
        {
            var internalSwitch = await switches.CreateAsync(new SwitchRequest { Name = "Ping internal", Type = SwitchType.Internal, HostAddress = "10.77.0.1/24" }, default);
            net.Track(internalSwitch.BridgeName);
            var privateSwitch = await switches.CreateAsync(new SwitchRequest { Name = "Ping private", Type = SwitchType.Private }, default);
            net.Track(privateSwitch.BridgeName);

            var shells = new List<SerialShell>();
            foreach (var name in new[] { "ping1", "ping2" })
            {
                var vm = await manager.CreateAsync(new VmCreateRequest { Name = name, Generation = VmGeneration.One, MemoryStartupMb = 128, CopyDiskFrom = GuestImages.TinyBios, SwitchName = internalSwitch.Name });
                vms.Add(vm.Id);
                net.Track(TapNames.Of(vm.Id, 0));
                var definition = vm.Definition;
                if (name == "ping2")
                {
                    // The second guest has a legacy network adapter (emulated DEC 21140, tulip driver) and MAC address
                    // spoofing on, set before its start (guard changes apply at the next start).
                    var adapter = definition.NetworkAdapters[0];
                    definition = (await manager.UpdateAsync(vm.Id, new VmUpdateRequest { NetworkAdapters = [adapter with { Legacy = true, MacAddressSpoofing = true }] })).Definition;
                    Assert.True(definition.NetworkAdapters[0].Legacy);
                    Assert.True(definition.NetworkAdapters[0].MacAddressSpoofing);
                }

                shells.Add(SerialShell.For(data.Path, definition));
                await manager.StartAsync(vm.Id);
            }

            string[] guests = ["10.77.0.2", "10.77.0.3"];
            string[] drivers = ["virtio_net", "tulip"];
            for (var i = 0; i < 2; i++)
            {
                await shells[i].WaitForShellAsync(Boot);
                await shells[i].TypeAsync("echo DRV-$(basename $(readlink /sys/class/net/eth0/device/driver))", $"DRV-{drivers[i]}");
                await shells[i].TypeAsync($"ip addr add {guests[i]}/24 dev eth0 && ip link set eth0 up && echo NET-$((40+2))-UP", "NET-42-UP");
            }

            // Internal: the guests reach each other and the host (and the host reaches them).
            Assert.True(await PingsAsync(shells[0], guests[1]), "internal: guest 1 does not reach guest 2");
            Assert.True(await PingsAsync(shells[1], guests[0]), "internal: guest 2 does not reach guest 1");
            Assert.True(await PingsAsync(shells[0], "10.77.0.1"), "internal: guest 1 does not reach the host");
            Assert.True(await HostPingsAsync(guests[1]), "internal: the host does not reach guest 2");

            // Internal: no way out. Guest 1 gets an address in the outside's subnet too; the outside namespace does not answer.
            var outsideSubnet = net.OutsideAddress[..net.OutsideAddress.LastIndexOf('.')];
            await shells[0].TypeAsync($"ip addr add {outsideSubnet}.77/24 dev eth0 && echo NET-$((40+3))-EXT", "NET-43-EXT");
            Assert.False(await PingsAsync(shells[0], net.OutsideAddress), "internal: guest 1 reaches the outside");
            Assert.False(await net.OutsidePingsAsync($"{outsideSubnet}.77"), "internal: the outside reaches guest 1");

            // Private (adapters moved while running): the guests still reach each other; the host's address on the internal switch does not answer.
            await MoveAsync(manager, vms, privateSwitch.Name);
            Assert.Equal(privateSwitch.BridgeName, await TestNetwork.MasterOfAsync(TapNames.Of(vms[0], 0)));
            Assert.True(await PingsAsync(shells[0], guests[1]), "private: guest 1 does not reach guest 2");
            Assert.True(await PingsAsync(shells[1], guests[0]), "private: guest 2 does not reach guest 1");
            Assert.False(await PingsAsync(shells[0], "10.77.0.1"), "private: guest 1 still reaches the host");
            Assert.False(await HostPingsAsync(guests[1]), "private: the host still reaches guest 2");

            // External, shared with the host, on the test's physical adapter: the guest reaches the outside namespace.
            var external = await switches.CreateAsync(new SwitchRequest { Name = "Ping external", Type = SwitchType.External, PhysicalAdapter = net.HostNic }, default);
            net.Track(external.BridgeName);
            await MoveAsync(manager, vms, external.Name);
            Assert.True(await PingsAsync(shells[0], net.OutsideAddress), "external: guest 1 does not reach the outside");
            Assert.True(await net.OutsidePingsAsync($"{outsideSubnet}.77"), "external: the outside does not reach guest 1");
            Assert.True(await PingsAsync(shells[0], net.HostAddress), "external (shared): guest 1 does not reach the host");

            // External, not shared (the adapters leave it while it is replaced): the guest reaches the outside but not the host.
            await MoveAsync(manager, vms, privateSwitch.Name);
            await switches.DeleteAsync(external.Id, default);
            var notShared = await switches.CreateAsync(new SwitchRequest { Name = "Ping external only", Type = SwitchType.External, PhysicalAdapter = net.HostNic, AllowManagementOs = false }, default);
            net.Track(notShared.BridgeName);
            await MoveAsync(manager, vms, notShared.Name);
            Assert.True(await PingsAsync(shells[0], net.OutsideAddress), "external (not shared): guest 1 does not reach the outside");
            Assert.False(await PingsAsync(shells[0], net.HostAddress), "external (not shared): guest 1 reaches the host");

            // MAC address spoofing. Guest 2 (spoofing on) changes its MAC and still reaches guest 1; guest 1 (spoofing off,
            // the default) changes its MAC and no longer reaches guest 2.
            await ChangeMacAsync(shells[1], "00:15:5d:ee:ee:02", guests[1]);
            Assert.True(await PingsAsync(shells[1], guests[0]), "spoofing on: guest 2 with a new MAC does not reach guest 1");
            await ChangeMacAsync(shells[0], "00:15:5d:ee:ee:01", guests[0]);
            Assert.False(await PingsAsync(shells[0], guests[1]), "spoofing off: guest 1 with a new MAC still reaches guest 2");
        }
        finally
        {
            foreach (var id in vms)
            {
                if (manager.Get(id).State != VmState.Off)
                {
                    await manager.TurnOffAsync(id);
                }
            }

            foreach (var sw in switches.List())
            {
                await switches.DeleteAsync(sw.Id, default);
            }
        }

        foreach (var id in vms)
        {
            Assert.False(await TestNetwork.ExistsAsync(TapNames.Of(id, 0)), "a tap outlived its VM");
        }

        Assert.Empty(switches.List());
    }

    private static async Task MoveAsync(VmManager manager, List<Guid> vms, string switchName)
    {
        foreach (var id in vms)
        {
            var adapter = manager.Get(id).Definition.NetworkAdapters[0];
            await manager.UpdateAsync(id, new VmUpdateRequest { NetworkAdapters = [adapter with { SwitchName = switchName }] });
        }
    }

    /// <summary>Changes the guest's eth0 MAC address (down, address, up), checks that the guest has it, gives its link time to come up and announces it.</summary>
    private static async Task ChangeMacAsync(SerialShell shell, string mac, string address)
    {
        await shell.TypeAsync("ip link set eth0 down; echo LINK-$((40+5))-DOWN", "LINK-45-DOWN");
        await shell.TypeAsync($"ip link set eth0 address {mac}; echo MAC-$(cat /sys/class/net/eth0/address)-SET", $"MAC-{mac}-SET");
        await shell.TypeAsync("ip link set eth0 up; sleep 3; echo LINK-$((40+6))-UP", "LINK-46-UP");
        // Announce the new MAC (unsolicited ARP), so the other guest's cached entry for this address is updated when the frames get through.
        await shell.TypeAsync($"arping -U -c 2 -I eth0 {address} >/dev/null 2>&1; echo ARP-$((40+7))-SENT", "ARP-47-SENT");
    }

    /// <summary>Whether the guest gets an answer to <c>ping -c 2 -W 2</c> (the marker is built by the shell, so the echoed line never matches).</summary>
    private static async Task<bool> PingsAsync(SerialShell shell, string peer)
    {
        var answer = await shell.TypeAsync($"ping -c 2 -W 2 {peer} >/dev/null 2>&1 && R=OK || R=FAIL; echo PING-$R-{peer}", [$"PING-OK-{peer}", $"PING-FAIL-{peer}"], Ping);
        return answer == $"PING-OK-{peer}";
    }

    private static async Task<bool> HostPingsAsync(string address) =>
        (await ProcessRunner.RunAsync("busybox", ["ping", "-c", "2", "-W", "2", address], TimeSpan.FromSeconds(15), CancellationToken.None)).ExitCode == 0;
}
