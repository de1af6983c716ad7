using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components.Settings.Pages;

/// <summary>A page of the Settings tree: the dialog's state, the tree entry shown, and a way to select another entry.</summary>
public abstract class SettingsPageBase : ComponentBase
{
    [Parameter, EditorRequired] public SettingsEditState State { get; set; } = default!;
    [Parameter, EditorRequired] public SettingsNode Node { get; set; } = default!;
    [Parameter] public EventCallback<string> Select { get; set; }

    protected SettingsForm Form => State.Form;
    protected int Index => Node.Index;

    /// <summary>For changes made by buttons (add, remove, move): re-check, then show <paramref name="key"/> when given.</summary>
    protected async Task ChangedAsync(string? key = null)
    {
        State.Changed();
        if (key is not null)
        {
            await Select.InvokeAsync(key);
        }
    }
}
