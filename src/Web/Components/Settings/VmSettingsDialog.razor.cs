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

    private string Title { get; set; } = "Settings";

    protected override async Task OnInitializedAsync()
    {
        // Large, like Hyper-V's Settings window, whatever options the opener passed; Escape cancels.
        await Dialog.SetOptionsAsync(Dialog.Options with { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
    }

    private void OnLoaded(string name) => Title = $"Settings for {name} on {Vms.Host.Name}";

    private void Close() => Dialog.Close(DialogResult.Ok(true));

    private void Cancel() => Dialog.Cancel();
}
