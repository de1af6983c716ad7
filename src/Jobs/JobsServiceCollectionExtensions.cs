using HvWeb.Jobs.Runner;
using HvWeb.Jobs.Schedules;
using HvWeb.Jobs.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HvWeb.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The job runner (<see cref="IJobService"/>, <see cref="IVmJobLock"/>), the scheduler
    /// (<see cref="IJobScheduler"/>; every registered <see cref="IJobSchedule"/> runs from start-up)
    /// and <see cref="VmJobFactory"/>. Needs an <see cref="IJobStore"/> and an
    /// <see cref="Engine.Events.IEventLog"/> (AddHvPersistence registers both) and, for the VM jobs,
    /// AddHvEngine. Options: section "HvWeb:Jobs" (<see cref="JobOptions"/>).
    /// </summary>
    /// <remarks>
    /// Crash recovery runs in the runner's <c>IHostedLifecycleService.StartingAsync</c>, so call
    /// this after AddHvPersistence: the database is migrated (also in StartingAsync) first.
    /// </remarks>
    public static IServiceCollection AddHvJobs(this IServiceCollection services, Action<JobOptions>? configure = null)
    {
        var options = services.AddOptions<JobOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobFeed>();
        services.AddSingleton<JobWriter>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<JobRecovery>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<JobRunner>());
        services.AddSingleton<JobService>();
        services.AddSingleton<IJobService>(sp => sp.GetRequiredService<JobService>());
        services.AddSingleton<IVmJobLock>(sp => sp.GetRequiredService<JobService>());
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<IJobScheduler>(sp => sp.GetRequiredService<JobScheduler>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<JobScheduler>());
        services.TryAddSingleton<VmJobFactory>();
        services.TryAddSingleton<Checkpoints.CheckpointJobs>();
        services.TryAddSingleton<Disks.DiskJobFactory>();
        services.TryAddSingleton<Storage.StorageJobs>();
        return services;
    }
}
