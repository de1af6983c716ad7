using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>One change of the inventory: a VM's new snapshot, or its removal.</summary>
public sealed record VmChange(Guid Id, VmSnapshot? Snapshot)
{
    public bool Removed => Snapshot is null;
}
