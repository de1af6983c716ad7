using HvWeb.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components;

public partial class RedirectToLogin
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"{AccountPaths.Login}?{AccountPaths.ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
    }
}
