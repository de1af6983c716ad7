using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// The Settings tree (WAI-ARIA tree): one tab stop on the selected page; Up / Down / Home / End
/// move between pages, Enter is OK. Pages with errors carry an error icon.
/// </summary>
public sealed partial class SettingsTreeView
{
    [Parameter, EditorRequired] public SettingsEditState State { get; set; } = default!;
    [Parameter] public string SelectedKey { get; set; } = "";
    [Parameter] public EventCallback<string> SelectedKeyChanged { get; set; }
    [Parameter] public EventCallback Enter { get; set; }

    private Dictionary<string, ElementReference> Items { get; } = [];
    private string? _focus;

    private static string ItemClass(SettingsNode node, bool selected, bool errors) =>
        $"hv-tree-item hv-depth-{node.Depth}{(selected ? " hv-selected" : "")}{(errors ? " hv-has-errors" : "")}";

    private async Task SelectAsync(SettingsNode node, bool focus)
    {
        _focus = focus ? node.Key : null;
        await SelectedKeyChanged.InvokeAsync(node.Key);
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e, SettingsNode node)
    {
        var pages = State.Nodes.Where(n => !n.IsHeading).ToList();
        var at = pages.FindIndex(n => n.Key == node.Key);
        var target = e.Key switch
        {
            "ArrowDown" or "ArrowRight" => pages[Math.Min(at + 1, pages.Count - 1)],
            "ArrowUp" or "ArrowLeft" => pages[Math.Max(at - 1, 0)],
            "Home" => pages[0],
            "End" => pages[^1],
            _ => null,
        };
        if (target is not null)
        {
            await SelectAsync(target, focus: true);
        }
        else if (e.Key == "Enter")
        {
            await Enter.InvokeAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focus is { } key && Items.TryGetValue(key, out var item))
        {
            _focus = null;
            await item.FocusAsync();
        }
    }
}
