using HvWeb.Engine.Model;
using HvWeb.Web.Components.Vms;

namespace HvWeb.Web.Components.Inventory;

/// <summary>The rows the list shows: filtered by name (as you type) and sorted by the chosen column.</summary>
public static class VmListView
{
    public static List<VmRow> Arrange(IEnumerable<VmRow> rows, string? nameFilter, VmColumn sortBy, bool descending)
    {
        var comparer = VmColumns.Comparer(sortBy, descending);
        var filter = nameFilter?.Trim() ?? "";
        return [.. rows
            .Where(row => filter.Length == 0 || row.Vm.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .Order(Comparer<VmRow>.Create((a, b) => comparer.Compare(a.Vm, b.Vm)))];
    }

    /// <summary>Disks the VM's configuration points at (kept by Delete unless asked).</summary>
    public static IReadOnlyList<string> HardDisks(VmSnapshot vm) =>
        [.. vm.Definition.Drives.Where(d => d.Kind == DriveKind.HardDisk && !string.IsNullOrEmpty(d.Path)).Select(d => d.Path!)];
}
