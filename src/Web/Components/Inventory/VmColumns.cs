using System.Globalization;
using System.Text.Json;
using HvWeb.Engine.Model;
using HvWeb.Web.Vms;

namespace HvWeb.Web.Components.Inventory;

/// <summary>What each column is called, what its cells show, how it sorts, and the per-user choice (<see cref="PreferenceKey"/>).</summary>
public static class VmColumns
{
    /// <summary>The user preference holding the chosen columns, as a JSON array of names in display order.</summary>
    public const string PreferenceKey = "vmlist.columns";

    /// <summary>Hyper-V Manager's default columns.</summary>
    public static IReadOnlyList<VmColumn> Default { get; } =
    [
        VmColumn.Name, VmColumn.State, VmColumn.CpuUsage, VmColumn.AssignedMemory, VmColumn.Uptime,
        VmColumn.Status, VmColumn.ConfigurationVersion, VmColumn.Generation,
    ];

    /// <summary>Every column in the order they are shown; Name is always there.</summary>
    public static IReadOnlyList<VmColumn> All { get; } = Enum.GetValues<VmColumn>();

    public static string Label(VmColumn column) => column switch
    {
        VmColumn.Name => "Name",
        VmColumn.State => "State",
        VmColumn.CpuUsage => "CPU Usage",
        VmColumn.AssignedMemory => "Assigned Memory",
        VmColumn.Uptime => "Uptime",
        VmColumn.Status => "Status",
        VmColumn.ConfigurationVersion => "Configuration Version",
        VmColumn.Generation => "Generation",
        VmColumn.MemoryDemand => "Memory Demand",
        VmColumn.MemoryStatus => "Memory Status",
        VmColumn.Heartbeat => "Heartbeat",
        VmColumn.ReplicationHealth => "Replication Health",
        VmColumn.Notes => "Notes",
        VmColumn.Created => "Created",
        VmColumn.Screen => "Screen",
    };

    /// <summary>The cell's text (the Screen column shows a thumbnail instead).</summary>
    public static string Text(VmColumn column, VmSnapshot vm) => column switch
    {
        VmColumn.Name => vm.Name,
        VmColumn.State => vm.State.ToString(),
        VmColumn.CpuUsage => VmFormat.CpuUsage(vm),
        VmColumn.AssignedMemory => VmFormat.AssignedMemory(vm),
        VmColumn.Uptime => VmFormat.Uptime(vm),
        VmColumn.Status => vm.Status,
        VmColumn.ConfigurationVersion => vm.Definition.Version.ToString(),
        VmColumn.Generation => ((int)vm.Definition.Generation).ToString(CultureInfo.InvariantCulture),
        VmColumn.MemoryDemand => vm.MemoryDemandMb > 0 ? string.Create(CultureInfo.InvariantCulture, $"{vm.MemoryDemandMb} MB") : "",
        VmColumn.MemoryStatus => vm.MemoryStatus,
        VmColumn.Heartbeat => vm.Heartbeat,
        VmColumn.ReplicationHealth => "Not Applicable",
        VmColumn.Notes => vm.Definition.Notes,
        VmColumn.Created => vm.Definition.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
        VmColumn.Screen => "",
    };

    /// <summary>Sorts numbers as numbers and text case-insensitively; ties go by name.</summary>
    public static IComparer<VmSnapshot> Comparer(VmColumn column, bool descending)
    {
        Comparison<VmSnapshot> primary = column switch
        {
            VmColumn.CpuUsage => (a, b) => a.CpuUsagePercent.CompareTo(b.CpuUsagePercent),
            VmColumn.AssignedMemory => (a, b) => a.MemoryAssignedMb.CompareTo(b.MemoryAssignedMb),
            VmColumn.Uptime => (a, b) => a.UptimeSeconds.CompareTo(b.UptimeSeconds),
            VmColumn.ConfigurationVersion => (a, b) => a.Definition.Version.CompareTo(b.Definition.Version),
            VmColumn.Generation => (a, b) => a.Definition.Generation.CompareTo(b.Definition.Generation),
            VmColumn.MemoryDemand => (a, b) => a.MemoryDemandMb.CompareTo(b.MemoryDemandMb),
            VmColumn.Created => (a, b) => a.Definition.CreatedUtc.CompareTo(b.Definition.CreatedUtc),
            VmColumn.State => (a, b) => string.Compare(a.State.ToString(), b.State.ToString(), StringComparison.OrdinalIgnoreCase),
            _ => (a, b) => string.Compare(Text(column, a), Text(column, b), StringComparison.OrdinalIgnoreCase),
        };
        return Comparer<VmSnapshot>.Create((a, b) =>
        {
            var order = primary(a, b);
            if (order == 0)
            {
                order = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
            }

            return descending ? -order : order;
        });
    }

    /// <summary>The stored choice; unknown names are skipped, Name is always first; null or broken text gives the defaults.</summary>
    public static IReadOnlyList<VmColumn> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Default;
        }

        try
        {
            var names = JsonSerializer.Deserialize<string[]>(json) ?? [];
            var chosen = names.Select(n => Enum.TryParse<VmColumn>(n, ignoreCase: true, out var c) ? c : (VmColumn?)null)
                .OfType<VmColumn>().ToHashSet();
            chosen.Add(VmColumn.Name);
            return [.. All.Where(chosen.Contains)];
        }
        catch (JsonException)
        {
            return Default;
        }
    }

    public static string Serialize(IEnumerable<VmColumn> columns) =>
        JsonSerializer.Serialize(columns.Select(c => c.ToString()).ToArray());
}
