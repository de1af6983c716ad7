using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components.Settings.Fields;

/// <summary>
/// A control of a Settings page bound to one request field (camelCase, as <c>CheckUpdate</c> names it):
/// it shows that field's sentences under itself, is disabled with the engine's reason when the VM's
/// state does not allow the change, and tells the dialog after every edit.
/// </summary>
public abstract class SettingsField<T> : ComponentBase
{
    [Parameter, EditorRequired] public SettingsEditState State { get; set; } = default!;
    /// <summary>The request field, e.g. "memoryStartupMb" or "networkAdapters[0].vlanId".</summary>
    [Parameter, EditorRequired] public string Field { get; set; } = "";
    /// <summary>A lock field when it differs from <see cref="Field"/> (e.g. a list's whole field).</summary>
    [Parameter] public string? LockField { get; set; }
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public T Value { get; set; } = default!;
    [Parameter] public EventCallback<T> ValueChanged { get; set; }
    [Parameter] public bool Disabled { get; set; }
    [Parameter] public string? HelperText { get; set; }

    protected bool IsDisabled => Disabled || State.IsLocked(LockField ?? Field);
    protected string? Error => State.Error(Field);
    protected string? Helper => State.Locked(LockField ?? Field) ?? HelperText;

    protected async Task OnChangedAsync(T value)
    {
        Value = value;
        await ValueChanged.InvokeAsync(value);
        State.Changed();
    }
}
