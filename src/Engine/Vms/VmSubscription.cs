using System.Threading.Channels;
using HvWeb.Engine.Common;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// A live view of the inventory: the VMs now and a stream of changed VMs. Slow readers lose
/// intermediate snapshots of a VM, never the latest one.
/// </summary>
public sealed class VmSubscription(IReadOnlyList<VmSnapshot> initialState, Channel<VmChange> channel, Action<VmSubscription> onDispose)
    : LiveSubscription<VmSnapshot, VmChange>(initialState, channel, s => onDispose((VmSubscription)s));
