namespace HvWeb.Web.Hosting;

public static class HostDefaultsExtensions
{
    /// <summary>
    /// <c>--data DIR</c> (→ HvWeb:DataRoot, created if missing) and the default loopback URL. Static web
    /// assets are served from their build locations too, so the build output runs as it is.
    /// </summary>
    public static WebApplicationBuilder AddHvHostDefaults(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = HvWebSettings.DataRootKey });

        var dataRoot = DataRoot.Resolve(builder.Configuration[HvWebSettings.DataRootKey]);
        DataRoot.EnsureExists(dataRoot);
        builder.Configuration.AddInMemoryCollection([new(HvWebSettings.DataRootKey, dataRoot)]);

        if (!HasExplicitEndpoints(builder.Configuration))
        {
            builder.WebHost.UseUrls(HvWebSettings.DefaultUrl);
        }

        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    private static bool HasExplicitEndpoints(ConfigurationManager configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
