using HvWeb.Engine.Events;
using HvWeb.Jobs;
using HvWeb.Jobs.Schedules;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Jobs.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class AddHvJobsTests
{
    [Fact]
    public void AddHvJobs_Services_ResolveAndShareOneRunner()
    {
        using var provider = Compose(null);

        var service = provider.GetRequiredService<IJobService>();

        Assert.Same(service, provider.GetRequiredService<IVmJobLock>());
        Assert.NotNull(provider.GetRequiredService<IJobScheduler>());
        Assert.NotNull(provider.GetRequiredService<VmJobFactory>());
        Assert.Equal(2, provider.GetServices<IHostedService>().Count());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is IHostedLifecycleService);
    }

    [Fact]
    public void AddHvJobs_ConfigurationSection_AddsLimitsAndKeepsTheDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HvWeb:Jobs:Limits:export"] = "1",
                ["HvWeb:Jobs:Limits:migrate"] = "3",
                ["HvWeb:Jobs:DefaultLimit"] = "6",
                ["HvWeb:Jobs:ShutdownGrace"] = "00:00:10",
            })
            .Build();
        using var provider = Compose(configuration.GetSection(JobOptions.Section).Bind);

        var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;

        Assert.Equal(1, options.LimitOf("export"));
        Assert.Equal(3, options.LimitOf("migrate"));
        Assert.Equal(2, options.LimitOf("move-storage"));
        Assert.Equal(6, options.LimitOf("convert"));
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownGrace);
    }

    private static ServiceProvider Compose(Action<JobOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IJobStore>(new RecordingJobStore());
        services.AddSingleton<IEventLog>(new RecordingEventLog());
        services.AddSingleton<HvWeb.Engine.Vms.IVmManager>(new ProgressVmManager());
        services.AddHvJobs(configure);
        return services.BuildServiceProvider();
    }
}
