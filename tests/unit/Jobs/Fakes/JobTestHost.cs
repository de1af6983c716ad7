using HvWeb.Engine.Events;
using HvWeb.Jobs;
using HvWeb.Jobs.Schedules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>
/// The job runner as <c>AddHvJobs</c> composes it, over a recording store and event log (unless the
/// test composes others) and a
/// <see cref="FakeTimeProvider"/> (time moves only when a test advances it). The shutdown grace
/// is zero unless a test sets it, so stopping never waits on a job the test left running.
/// </summary>
internal sealed class JobTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Origin = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private JobTestHost(RecordingJobStore store, Action<JobOptions>? configure, Action<IServiceCollection>? services)
    {
        Store = store;
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Time);
        // First, so that a test may compose the real store (AddHvPersistence) in place of the fakes.
        services?.Invoke(collection);
        collection.TryAddSingleton<IJobStore>(Store);
        collection.TryAddSingleton<IEventLog>(Events);
        collection.AddHvJobs(options =>
        {
            options.ShutdownGrace = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        _provider = collection.BuildServiceProvider();
        _hosted = [.. _provider.GetServices<IHostedService>()];
    }

    public FakeTimeProvider Time { get; } = new(Origin);
    public RecordingJobStore Store { get; }
    public RecordingEventLog Events { get; } = new();
    public IJobService Jobs => _provider.GetRequiredService<IJobService>();
    public IVmJobLock VmLock => _provider.GetRequiredService<IVmJobLock>();
    public IJobScheduler Scheduler => _provider.GetRequiredService<IJobScheduler>();

    public static async Task<JobTestHost> StartAsync(
        Action<JobOptions>? configure = null,
        RecordingJobStore? store = null,
        Action<IServiceCollection>? services = null)
    {
        var host = Create(configure, store, services);
        await host.StartHostedAsync();
        return host;
    }

    /// <summary>Composed but not started (its hosted services have not run).</summary>
    public static JobTestHost Create(Action<JobOptions>? configure = null, RecordingJobStore? store = null, Action<IServiceCollection>? services = null) =>
        new(store ?? new RecordingJobStore(), configure, services);

    public async Task StartHostedAsync()
    {
        foreach (var service in _hosted)
        {
            if (service is IHostedLifecycleService lifecycle)
            {
                await lifecycle.StartingAsync(CancellationToken.None);
            }
        }

        foreach (var service in _hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async Task<JobInfo> WaitForAsync(Guid id, JobState state)
    {
        JobInfo? job = null;
        await Eventually.TrueAsync(
            async () => (job = await Jobs.GetAsync(id)).State == state,
            () => $"job {id} is {state} (it is {job?.State})");
        return job!;
    }

    /// <summary>Like a killed process: the runner never stops, the store keeps what it had.</summary>
    public async Task CrashAsync()
    {
        _stopped = true;
        await _provider.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
