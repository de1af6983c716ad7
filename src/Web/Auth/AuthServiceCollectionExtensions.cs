using HvWeb.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace HvWeb.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Everything needs a signed-in user unless marked anonymous: API clients send the admin token
    /// as a bearer token, browsers sign in once at /login and get a cookie.
    /// </summary>
    public static IServiceCollection AddHvAuth(this IServiceCollection services, string dataRoot)
    {
        services.AddSingleton(provider => AdminTokenFactory.Create(provider.GetRequiredService<IConfiguration>(), dataRoot));
        services.AddHostedService<SignInBanner>();

        // The keys that protect the sign-in cookie and antiforgery tokens live with the host's data,
        // so a restart does not sign everybody out.
        services.AddDataProtection()
            .SetApplicationName("HvWeb")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataRoot, "keys")));

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Bearer token or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AuthSchemes.Bearer, null)
            .AddCookie(AuthSchemes.Cookie, ConfigureCookie);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = AuthSchemes.CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.LoginPath = AccountPaths.Login;
        options.LogoutPath = AccountPaths.Logout;
        options.AccessDeniedPath = AccountPaths.Login;
        options.ReturnUrlParameter = AccountPaths.ReturnUrlParameter;
        options.Events.OnRedirectToLogin = context => ApiPaths.IsApi(context.Request)
            ? AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                AuthProblems.MissingCredentialsDetail(context.HttpContext.RequestServices.GetRequiredService<AdminToken>()))
            : Redirect(context);
        options.Events.OnRedirectToAccessDenied = context => ApiPaths.IsApi(context.Request)
            ? AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "You are signed in but not allowed to do this.")
            : Redirect(context);
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
