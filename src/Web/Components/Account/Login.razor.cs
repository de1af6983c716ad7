using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components.Account;

public partial class Login
{
    [SupplyParameterFromQuery(Name = "returnUrl")]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    private string? Error { get; set; }

    private bool Failed => !string.IsNullOrEmpty(Error);
}
