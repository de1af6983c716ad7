using System.Diagnostics;
using HvWeb.Jobs;
using HvWeb.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.JobsBench;

internal static class JobsBenchmark
{
    /// <summary>How often the simulated pages read the list and a log while the jobs run.</summary>
    private static readonly TimeSpan ReaderInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<BenchResult> RunAsync(BenchSettings settings)
    {
        Directory.CreateDirectory(settings.DataRoot);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHvPersistence(settings.DataRoot);
        DecorateStore(builder.Services);
        builder.Services.AddHvJobs(o => o.Limits[BenchJob.JobKind] = settings.Jobs);
        using var host = builder.Build();
        await host.StartAsync();

        var database = Path.Combine(settings.DataRoot, "hvweb.db");
        var before = await RawInsertBaseline.RunAsync(database, settings.BaselineInserts);
        var store = host.Services.GetRequiredService<TimingJobStore>();
        var jobs = host.Services.GetRequiredService<IJobService>();

        var reports = 0;
        var clock = Stopwatch.StartNew();
        var ids = new List<Guid>();
        var interval = TimeSpan.FromSeconds(1.0 / settings.ReportsPerSecond);
        for (var i = 0; i < settings.Jobs; i++)
        {
            var job = new BenchJob(i, settings.ReportsPerJob, interval, () => Interlocked.Increment(ref reports));
            ids.Add((await jobs.EnqueueAsync(job, "bench")).Id);
        }

        using var done = new CancellationTokenSource();
        var reader = ReadLikePagesAsync(jobs, ids, done.Token);
        var ended = await WaitForAllAsync(jobs, settings.Jobs);
        var elapsed = clock.Elapsed;
        await done.CancelAsync();
        var reads = await reader;
        await host.StopAsync();
        // fsync latency drifts on shared disks: the yardstick is measured before and after.
        var after = await RawInsertBaseline.RunAsync(database, settings.BaselineInserts);

        return new BenchResult
        {
            Settings = settings,
            Elapsed = elapsed,
            Reports = reports,
            Reads = reads,
            Transactions = store.WriteMilliseconds.Count,
            RowsWritten = store.RowsWritten,
            WriteMilliseconds = [.. store.WriteMilliseconds],
            AddMilliseconds = [.. store.AddMilliseconds],
            RawInsertMsBefore = before.MeanMs,
            RawInsertMsAfter = after.MeanMs,
            JournalMode = before.JournalMode,
            Synchronous = before.Synchronous,
            Flushes = [.. store.Flushes],
            Busy = store.Busy,
            AllSucceeded = ended.All(j => j is { State: JobState.Succeeded, Percent: 100 }),
        };
    }

    /// <summary>Times every store call by putting <see cref="TimingJobStore"/> in front of the registered store.</summary>
    private static void DecorateStore(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IJobStore));
        services.Remove(registered);
        services.AddSingleton(sp => new TimingJobStore((IJobStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
        services.AddSingleton<IJobStore>(sp => sp.GetRequiredService<TimingJobStore>());
    }

    private static async Task<int> ReadLikePagesAsync(IJobService jobs, List<Guid> ids, CancellationToken cancellationToken)
    {
        var reads = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await jobs.QueryAsync(new JobQuery { Limit = 200 }, cancellationToken);
                await jobs.GetLogAsync(ids[reads % ids.Count], cancellationToken);
                reads += 2;
                await Task.Delay(ReaderInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return reads;
    }

    private static async Task<IReadOnlyList<JobInfo>> WaitForAllAsync(IJobService jobs, int count)
    {
        while (true)
        {
            var ended = await jobs.QueryAsync(new JobQuery { Kind = BenchJob.JobKind, Limit = count });
            if (ended.Count == count && ended.All(j => j.State is not (JobState.Queued or JobState.Running)))
            {
                return ended;
            }

            await Task.Delay(100);
        }
    }
}
