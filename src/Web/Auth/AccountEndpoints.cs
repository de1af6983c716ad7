using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Auth;

/// <summary>The browser's sign-in and sign-out form posts (antiforgery-checked, as every form post).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapHvAccount(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        account.MapPost(AccountPaths.LoginPost, SignInAsync);
        account.MapPost(AccountPaths.Logout, (Delegate)SignOutAsync);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? token, [FromForm] string? returnUrl, HttpContext context, AdminToken adminToken, ILoggerFactory loggers)
    {
        var target = LocalUrl.OrRoot(returnUrl);
        if (!adminToken.Matches(token?.Trim()))
        {
            loggers.CreateLogger(typeof(AccountEndpoints)).LogWarning(
                "Sign-in with a wrong token from {RemoteAddress}", context.Connection.RemoteIpAddress);
            return Results.LocalRedirect($"{AccountPaths.Login}?error=1&{AccountPaths.ReturnUrlParameter}={Uri.EscapeDataString(target)}");
        }

        await context.SignInAsync(AuthSchemes.Cookie, AdminPrincipal.Create(AuthSchemes.Cookie));
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        return Results.LocalRedirect(AccountPaths.Login);
    }
}
