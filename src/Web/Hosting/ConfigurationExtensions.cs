namespace HvWeb.Web.Hosting;

public static class ConfigurationExtensions
{
    /// <summary>The resolved data root (set by <see cref="HostDefaultsExtensions.AddHvHostDefaults"/>).</summary>
    public static string GetHvDataRoot(this IConfiguration configuration) =>
        configuration[HvWebSettings.DataRootKey]
        ?? throw new InvalidOperationException($"{HvWebSettings.DataRootKey} is not set; call AddHvHostDefaults first.");
}
