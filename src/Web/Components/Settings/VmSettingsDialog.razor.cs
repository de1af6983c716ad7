using HvWeb.Engine.Vms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// Settings (opened with IDialogService.ShowAsync&lt;VmSettingsDialog&gt; with a VmId parameter): Hyper-V's
/// tree of hardware and management pages in a large dialog. Escape cancels, Enter is OK.
/// Closes with <see cref="DialogResult.Ok{T}(T)"/> (true) after OK, cancelled otherwise.
/// </summary>
public partial class VmSettingsDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private IVmManager Vms { get; set; } = default!;

    /// <summary>The VM whose settings are shown.</summary>
    [Parameter]
    public Guid VmId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // Large, like Hyper-V's Settings window, whatever options the opener passed; Escape cancels.
        await Dialog.SetOptionsAsync(Dialog.Options with { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
    }

    /// <summary>Hyper-V's title, "Settings for web01 on HOST" (again after a rename is applied).</summary>
    private Task OnNameShownAsync(string name) => Dialog.SetTitleAsync($"Settings for {name} on {Vms.Host.Name}");

    private void Close() => Dialog.Close(DialogResult.Ok(true));

    private void Cancel() => Dialog.Cancel();
}
