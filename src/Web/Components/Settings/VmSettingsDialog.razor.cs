using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Settings;

/// <summary>Settings (opened with IDialogService.ShowAsync&lt;VmSettingsDialog&gt; with a VmId parameter). Being built: see issue 3.</summary>
public partial class VmSettingsDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The VM whose settings are shown.</summary>
    [Parameter]
    public Guid VmId { get; set; }

    private void Cancel() => Dialog.Cancel();
}
