namespace HvWeb.Web.Demo;

public static class DemoVmExtensions
{
    /// <summary>Register after the engine, so the demo is created once everything has started.</summary>
    public static IServiceCollection AddHvDemoVm(this IServiceCollection services)
    {
        services.AddOptions<DemoVmOptions>().BindConfiguration(DemoVmOptions.Section);
        services.AddHostedService<DemoVmSeeder>();
        return services;
    }
}
