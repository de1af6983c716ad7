using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Wizard;

/// <summary>/vms/new: opens <see cref="NewVmWizard"/>; when it closes (Finish or Cancel), the VM list.</summary>
public partial class NewVmPage
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<NewVmWizard>("New Virtual Machine Wizard");
        await dialog.Result;
        Navigation.NavigateTo("/");
    }
}
