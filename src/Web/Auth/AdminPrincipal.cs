using System.Security.Claims;

namespace HvWeb.Web.Auth;

/// <summary>The identity of whoever proved to know the admin token.</summary>
public static class AdminPrincipal
{
    public const string Name = "admin";

    public static ClaimsPrincipal Create(string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, AuthSchemes.AdministratorRole)],
            authenticationType));
}
