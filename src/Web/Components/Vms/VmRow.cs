using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Vms;

/// <summary>
/// A table row that keeps its identity while its VM changes. MudTable keys rows by item, and a
/// snapshot is a record (equal by value), so handing it a new snapshot every second would rebuild
/// the row's elements each time: a click in between is lost and keyboard focus jumps away.
/// </summary>
public sealed class VmRow(VmSnapshot vm)
{
    public VmSnapshot Vm { get; set; } = vm;
}
