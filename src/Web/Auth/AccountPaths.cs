namespace HvWeb.Web.Auth;

public static class AccountPaths
{
    public const string Login = "/login";
    public const string LoginPost = "/account/login";
    public const string Logout = "/account/logout";
    public const string ReturnUrlParameter = "returnUrl";
}
