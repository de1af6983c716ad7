using HvWeb.Web.Hosting;

namespace HvWeb.Web.Auth;

/// <summary>HvWeb:AdminToken when configured, else the token file in the data root.</summary>
public static class AdminTokenFactory
{
    public static AdminToken Create(IConfiguration configuration, string dataRoot)
    {
        var configured = configuration[HvWebSettings.AdminTokenKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AdminToken(configured.Trim(), $"the configuration setting {HvWebSettings.AdminTokenKey}");
        }

        var path = AdminTokenFile.PathIn(dataRoot);
        return new AdminToken(AdminTokenFile.ReadOrCreate(path), path);
    }
}
