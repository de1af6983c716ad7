using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Network adapters: synthetic = <c>virtio-net-pci</c>, legacy (generation 1) = <c>tulip</c>
/// (DEC 21140, Hyper-V's legacy adapter). Device ids net0, net1… in the VM's order. A connected
/// adapter has a tap backend (<c>-netdev tap,id=hostnetN,ifname=hvtap-…,script=no,downscript=no</c>)
/// that the VM manager created in the switch's bridge before QEMU starts. A Not Connected adapter
/// exists with its MAC address and no backend, and the VM manager sets its link down before the
/// guest runs, so the guest sees an unplugged cable and no frame goes anywhere.
/// </summary>
internal static class NetworkArguments
{
    public static void Add(List<string> args, VmDefinition vm, int?[] bootIndexes, IReadOnlyList<string?> taps)
    {
        for (var i = 0; i < vm.NetworkAdapters.Count; i++)
        {
            var adapter = vm.NetworkAdapters[i];
            if (adapter.Legacy && vm.Generation != VmGeneration.One)
            {
                throw new ArgumentException("A generation 2 virtual machine has no legacy network adapter.", nameof(vm));
            }

            var members = new List<(string, object)>
            {
                ("driver", adapter.Legacy ? "tulip" : "virtio-net-pci"),
                ("id", NetworkNames.Device(i)),
            };
            if (i < taps.Count && taps[i] is { } tap)
            {
                args.AddRange(["-netdev", $"tap,id={NetworkNames.Backend(i)},ifname={QemuOpts.Escape(tap)},script=no,downscript=no"]);
                members.Add(("netdev", NetworkNames.Backend(i)));
            }

            if (adapter.MacAddress is { } mac)
            {
                members.Add(("mac", MacAddresses.ToQemu(mac)));
            }

            if (bootIndexes[i] is { } index)
            {
                members.Add(("bootindex", index));
            }

            args.AddRange(["-device", QemuJson.Object([.. members])]);
        }
    }
}
