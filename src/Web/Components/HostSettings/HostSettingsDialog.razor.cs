using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.HostSettings;

/// <summary>Hyper-V Settings (opened with IDialogService.ShowAsync&lt;HostSettingsDialog&gt;()). Being built: see issue 3.</summary>
public partial class HostSettingsDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    private void Cancel() => Dialog.Cancel();
}
