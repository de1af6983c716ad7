using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Wizard;

/// <summary>New Virtual Machine Wizard (opened with IDialogService.ShowAsync&lt;NewVmWizard&gt;()). Being built: see issue 3.</summary>
public partial class NewVmWizard
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    private void Cancel() => Dialog.Cancel();
}
