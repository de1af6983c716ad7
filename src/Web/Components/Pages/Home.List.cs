using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Vms;
using Microsoft.AspNetCore.Components.Web;

namespace HvWeb.Web.Components.Pages;

/// <summary>The list: columns (remembered per user), sort, filter by name, and selection (click, Ctrl+click, Shift+click, check boxes).</summary>
public sealed partial class Home
{
    /// <summary>Row height in CSS pixels for the virtualized list (one line of text in a dense row).</summary>
    private const float RowHeight = 33;

    private Guid? _anchor;

    private List<VmRow> Rows { get; set; } = [];

    private IReadOnlyList<VmColumn> Columns { get; set; } = VmColumns.Default;

    private VmColumn SortColumn { get; set; } = VmColumn.Name;

    private bool SortDescending { get; set; }

    private string Filter { get; set; } = "";

    /// <summary>The VM whose details and actions are shown (Hyper-V Manager's selection).</summary>
    private Guid? SelectedId { get; set; }

    /// <summary>The VMs the bulk actions apply to.</summary>
    private HashSet<Guid> Checked { get; } = [];

    private VmRow? Selected => SelectedId is { } id && _vms.TryGetValue(id, out var row) ? row : null;

    private bool AllChecked => Rows.Count > 0 && Rows.All(row => Checked.Contains(row.Vm.Id));

    private void Arrange() => Rows = VmListView.Arrange(_vms.Values, Filter, SortColumn, SortDescending);

    private void FilterChanged(string? text)
    {
        Filter = text ?? "";
        Arrange();
    }

    private void SortBy(VmColumn column)
    {
        SortDescending = column == SortColumn && !SortDescending;
        SortColumn = column;
        Arrange();
    }

    private string? AriaSort(VmColumn column) =>
        column != SortColumn ? null : SortDescending ? "descending" : "ascending";

    private string SortMark(VmColumn column) =>
        column != SortColumn ? "" : SortDescending ? " ▼" : " ▲";

    private string RowClass(VmRow row) =>
        row.Vm.Id == SelectedId ? "hv-row hv-row-selected" : Checked.Contains(row.Vm.Id) ? "hv-row hv-row-checked" : "hv-row";

    /// <summary>Click selects one VM; Ctrl+click adds or removes it; Shift+click selects the range from the last click.</summary>
    private void RowClicked(VmRow row, MouseEventArgs e)
    {
        var id = row.Vm.Id;
        if (e.ShiftKey && _anchor is { } anchor)
        {
            var from = Rows.FindIndex(r => r.Vm.Id == anchor);
            var to = Rows.FindIndex(r => r.Vm.Id == id);
            if (from >= 0 && to >= 0)
            {
                if (!e.CtrlKey) { Checked.Clear(); }
                foreach (var r in Rows.GetRange(Math.Min(from, to), Math.Abs(to - from) + 1))
                {
                    Checked.Add(r.Vm.Id);
                }

                SelectedId = id;
                return;
            }
        }

        if (e.CtrlKey || e.MetaKey)
        {
            if (!Checked.Remove(id)) { Checked.Add(id); }
        }
        else
        {
            Checked.Clear();
            Checked.Add(id);
        }

        SelectedId = id;
        _anchor = id;
    }

    private void RowKey(VmRow row, KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or " ")
        {
            RowClicked(row, new MouseEventArgs { CtrlKey = e.CtrlKey, ShiftKey = e.ShiftKey });
        }
    }

    private void ToggleChecked(VmRow row)
    {
        if (!Checked.Remove(row.Vm.Id))
        {
            Checked.Add(row.Vm.Id);
            SelectedId ??= row.Vm.Id;
        }

        _anchor = row.Vm.Id;
    }

    private void ToggleAll()
    {
        if (AllChecked)
        {
            Checked.Clear();
        }
        else
        {
            Checked.UnionWith(Rows.Select(row => row.Vm.Id));
        }
    }

    private async Task LoadColumnsAsync()
    {
        try
        {
            Columns = VmColumns.Parse(await Preferences.GetAsync(User, VmColumns.PreferenceKey));
        }
#pragma warning disable CA1031 // Without the store the list still works, with the default columns.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Could not read the column choice of {User}", User);
        }
    }

    private async Task ChooseColumnsAsync()
    {
        var dialog = await Dialogs.ShowAsync<ColumnsDialog>("Add/Remove Columns", new MudBlazor.DialogParameters<ColumnsDialog> { { d => d.Columns, Columns } });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: IReadOnlyList<VmColumn> chosen })
        {
            Columns = chosen;
            await RememberAsync(VmColumns.PreferenceKey, VmColumns.Serialize(chosen));
            if (!chosen.Contains(SortColumn))
            {
                SortColumn = VmColumn.Name;
                SortDescending = false;
                Arrange();
            }
        }
    }
}
