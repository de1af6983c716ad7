namespace HvWeb.Web.Auth;

public static class AuthSchemes
{
    /// <summary>Picks <see cref="Bearer"/> when the request has an Authorization header, else <see cref="Cookie"/>.</summary>
    public const string Default = "HvWeb";
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookies";

    public const string CookieName = ".HvWeb.Auth";
    public const string AdministratorRole = "Administrator";
}
