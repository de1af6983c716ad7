using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.HostSettings;

/// <summary>/host/settings: opens <see cref="HostSettingsDialog"/>; when it closes (OK or Cancel), the VM list.</summary>
public partial class HostSettingsPage
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<HostSettingsDialog>("Hyper-V Settings");
        await dialog.Result;
        Navigation.NavigateTo("/");
    }
}
