using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Network adapters: synthetic = <c>virtio-net-pci</c>, legacy (generation 1) = <c>tulip</c>
/// (DEC 21140, Hyper-V's legacy adapter). Device ids net0, net1… in the VM's order. Until the
/// switches feature, every adapter is Not Connected: the device exists with its MAC address and no
/// backend (<c>-netdev</c>), and the VM manager sets its link down before the guest runs, so the
/// guest sees an unplugged cable and no frame goes anywhere.
/// </summary>
internal static class NetworkArguments
{
    public static void Add(List<string> args, VmDefinition vm, int?[] bootIndexes)
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
