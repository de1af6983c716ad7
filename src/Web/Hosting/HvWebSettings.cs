namespace HvWeb.Web.Hosting;

/// <summary>Configuration keys and defaults of the web host.</summary>
public static class HvWebSettings
{
    public const string Section = "HvWeb";
    public const string DataRootKey = "HvWeb:DataRoot";
    public const string AdminTokenKey = "HvWeb:AdminToken";

    /// <summary>Loopback only unless told otherwise (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";
}
