using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobProgressCoalescingTests : IAsyncLifetime
{
    private JobTestHost host = null!;

    public async Task InitializeAsync() => host = await JobTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Report_ThousandUpdatesWithinHalfASecond_OneStoreWriteWithTheLastExactly()
    {
        var job = new ScriptedJob { OnStart = ReportThousand };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        var writesWhileRunning = host.Store.WritesOf(info.Id);

        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => host.Store.Job(info.Id).Step == "Step 1000", "the progress is written");

        var stored = host.Store.Job(info.Id);
        Assert.Equal(1, writesWhileRunning);
        Assert.Equal(2, host.Store.WritesOf(info.Id));
        Assert.Equal(JobState.Running, stored.State);
        Assert.Equal(99, stored.Percent);
        job.Fail(new InvalidOperationException("stop here"));
        var failed = await host.WaitForAsync(info.Id, JobState.Failed);
        Assert.Equal(3, host.Store.WritesOf(info.Id));
        Assert.Equal((99, "Step 1000"), (failed.Percent, failed.Step));
    }

    [Fact]
    public async Task Report_NothingNewSinceLastWrite_NoFurtherWrites()
    {
        var job = new ScriptedJob { OnStart = ReportThousand };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => host.Store.WritesOf(info.Id) == 2, "the progress is written");

        for (var i = 0; i < 10; i++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await Task.Delay(50);
        Assert.Equal(2, host.Store.WritesOf(info.Id));
        job.Finish();
    }

    [Fact]
    public async Task Report_JobEndsBeforeAnyTick_EndWriteCarriesTheLastProgress()
    {
        var job = new ScriptedJob { OnStart = ReportThousand };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        job.Fail(new InvalidOperationException("boom"));
        await host.WaitForAsync(info.Id, JobState.Failed);

        Assert.Equal(2, host.Store.WritesOf(info.Id));
        Assert.Equal((99, "Step 1000"), (host.Store.Job(info.Id).Percent, host.Store.Job(info.Id).Step));
    }

    [Fact]
    public async Task Report_LogLines_WrittenTogetherInOrder()
    {
        var job = new ScriptedJob
        {
            OnStart = p =>
            {
                for (var i = 1; i <= 100; i++)
                {
                    p.Report(new JobProgress(i, null, $"line {i}"));
                }
            },
        };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => host.Store.WritesOf(info.Id) == 2, "the lines are written");

        var batch = host.Store.Writes.Last(w => w.Any(j => j.Job.Id == info.Id)).Single();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"line {i}"), batch.NewLines.Select(l => l.Text));
        job.Finish();
    }

    [Fact]
    public async Task Report_StoreFailsOnce_ProgressAndLinesWrittenNextTime()
    {
        var job = new ScriptedJob { OnStart = p => p.Report(new JobProgress(50, "Half", "half way")) };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        host.Store.FailWrites = true;
        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Task.Delay(50);

        host.Store.FailWrites = false;
        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => host.Store.Job(info.Id).Percent == 50, "the progress is written after the failure");

        Assert.Contains("half way", host.Store.LogOf(info.Id));
        job.Finish();
    }

    [Fact]
    public async Task Subscribe_ThousandUpdates_OneProgressChangePerTickPlusStateChanges()
    {
        using var subscription = host.Jobs.Subscribe();
        var job = new ScriptedJob { OnStart = ReportThousand };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        host.Time.Advance(TimeSpan.FromMilliseconds(250));
        await Eventually.TrueAsync(async () => (await host.Jobs.GetAsync(info.Id)).Percent == 99, () => "progress is in memory");
        var changes = new List<JobInfo>();
        await foreach (var change in subscription.Changes())
        {
            changes.Add(change);
            if (change.Percent == 99)
            {
                break;
            }
        }

        job.Finish();
        Assert.Equal(
            [(JobState.Queued, 0), (JobState.Running, 0), (JobState.Running, 99)],
            changes.Select(c => (c.State, c.Percent)));
    }

    private static void ReportThousand(IProgress<JobProgress> progress)
    {
        for (var i = 1; i <= 1000; i++)
        {
            progress.Report(new JobProgress(i * 99 / 1000, $"Step {i}"));
        }
    }
}
