using HvWeb.Jobs;
using HvWeb.Persistence;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Persistence.Jobs;

/// <summary>The runner over the real persistence (AddHvPersistence on a database file in a data root).</summary>
public sealed class SqliteJobStoreRunnerTests : IDisposable
{
    private readonly TemporaryDirectory dataRoot = new();

    public void Dispose() => dataRoot.Dispose();

    [Fact]
    public async Task Run_JobWithProgressAndLines_StoredStateAndLogEndWithTheOutcome()
    {
        await using var host = await StartAsync();
        var job = new ScriptedJob { OnStart = p => p.Report(new JobProgress(70, "Copying", "Copying disk 1")) };

        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        host.Time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(async () => (await host.Jobs.GetLogAsync(info.Id)).Count == 3, () => "the progress line is written");
        job.Fail(new InvalidOperationException("No space left on device"));
        var failed = await host.WaitForAsync(info.Id, JobState.Failed);

        var stored = Assert.Single(await host.Jobs.QueryAsync(new JobQuery { State = JobState.Failed }));
        Assert.Equal(failed, stored);
        Assert.Equal((70, "Copying", "No space left on device"), (stored.Percent, stored.Step, stored.Error));
        Assert.Equal(
            ["Queued by admin.", "Started.", "Copying disk 1", "Failed: No space left on device"],
            (await host.Jobs.GetLogAsync(info.Id)).Select(l => l.Text));
    }

    [Fact]
    public async Task Start_AfterACrashMidJob_JobIsAbortedWithTheReason()
    {
        var crashed = await StartAsync();
        var job = new ScriptedJob { Description = "Save VM 'web01'", OnStart = p => p.Report(new JobProgress(45, "Writing memory and device state")) };
        var info = await crashed.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        await crashed.CrashAsync();

        await using var restarted = await StartAsync();

        var aborted = await restarted.Jobs.GetAsync(info.Id);
        Assert.Equal((JobState.Aborted, "The server stopped while the job was running."), (aborted.State, aborted.Error));
        Assert.Equal(
            ["Queued by admin.", "Started.", "Aborted: The server stopped while the job was running."],
            (await restarted.Jobs.GetLogAsync(info.Id)).Select(l => l.Text));
    }

    private Task<JobTestHost> StartAsync() => JobTestHost.StartAsync(services: s => s.AddHvPersistence(dataRoot.Path));
}
