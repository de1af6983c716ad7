using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobLifecycleTests : IAsyncLifetime
{
    private JobTestHost host = null!;

    public async Task InitializeAsync() => host = await JobTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_NewJob_ReturnsQueuedAtOnceAndRecordsIt()
    {
        var job = new ScriptedJob { Description = "Export VM 'web01'" };

        var info = await host.Jobs.EnqueueAsync(job, "admin");

        Assert.Equal(JobState.Queued, info.State);
        Assert.Equal("admin", info.StartedBy);
        Assert.Equal(JobTestHost.Origin, info.CreatedUtc);
        Assert.Equal("Export VM 'web01'", host.Store.Job(info.Id).Description);
        job.Finish();
    }

    [Fact]
    public async Task Run_JobCompletes_SucceededWithTimesAndOutcomeLine()
    {
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        var running = await host.Jobs.GetAsync(info.Id);
        host.Time.Advance(TimeSpan.FromSeconds(3));

        job.Finish();
        var done = await host.WaitForAsync(info.Id, JobState.Succeeded);

        Assert.Equal(JobState.Running, running.State);
        Assert.Equal(JobTestHost.Origin, done.StartedUtc);
        Assert.Equal(JobTestHost.Origin.AddSeconds(3), done.EndedUtc);
        Assert.Equal(100, done.Percent);
        Assert.Null(done.Error);
        Assert.Equal(["Queued by admin.", "Started.", "Succeeded in 3.0 s."], host.Store.LogOf(info.Id));
    }

    [Fact]
    public async Task Run_JobThrows_FailedWithTheMessage()
    {
        var job = new ScriptedJob { OnStart = p => p.Report(new JobProgress(40, "Copying")) };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        job.Fail(new InvalidOperationException("qemu-img: Could not open 'a.qcow2': No such file or directory"));
        var done = await host.WaitForAsync(info.Id, JobState.Failed);

        Assert.Equal("qemu-img: Could not open 'a.qcow2': No such file or directory", done.Error);
        Assert.Equal(40, done.Percent);
        Assert.Equal("Copying", done.Step);
        Assert.Equal("Failed: qemu-img: Could not open 'a.qcow2': No such file or directory", host.Store.LogOf(info.Id)[^1]);
    }

    [Fact]
    public async Task Run_OperationCanceledWithoutCancelRequest_Failed()
    {
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        job.Fail(new TimeoutException("QMP did not answer within 10 s."));
        var done = await host.WaitForAsync(info.Id, JobState.Failed);

        Assert.Equal("QMP did not answer within 10 s.", done.Error);
    }

    [Fact]
    public async Task Run_TaskCanceledWithoutCancelRequest_FailedNotCancelled()
    {
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        job.Fail(new TaskCanceledException("The request was canceled due to the configured timeout."));
        var done = await host.WaitForAsync(info.Id, JobState.Failed);

        Assert.Equal("The request was canceled due to the configured timeout.", done.Error);
    }

    [Fact]
    public async Task CancelAsync_RunningCancellableJob_SignalsTokenAndEndsCancelled()
    {
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        await host.Jobs.CancelAsync(info.Id, "operator");
        var done = await host.WaitForAsync(info.Id, JobState.Cancelled);

        Assert.True(job.WasCancelledThroughToken);
        Assert.Null(done.Error);
        Assert.NotNull(done.EndedUtc);
        Assert.Equal(
            ["Queued by admin.", "Started.", "Cancellation requested by operator.", "Cancelled at the request of operator."],
            host.Store.LogOf(info.Id));
    }

    [Fact]
    public async Task CancelAsync_JobFinishesAnyway_Succeeded()
    {
        var job = new ScriptedJob { HonoursToken = false };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        await host.Jobs.CancelAsync(info.Id, "admin");
        job.Finish();

        await host.WaitForAsync(info.Id, JobState.Succeeded);
    }

    [Fact]
    public async Task CancelAsync_TwiceOnRunningJob_SecondIsAccepted()
    {
        var job = new ScriptedJob { HonoursToken = false };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        await host.Jobs.CancelAsync(info.Id, "admin");
        var second = await host.Jobs.CancelAsync(info.Id, "admin");

        Assert.Equal(JobState.Running, second.State);
        job.Finish();
    }

    [Fact]
    public async Task CancelAsync_RunningJobThatCannotCancel_ThrowsJobStateException()
    {
        var job = new ScriptedJob { Description = "Merge disk 'a.qcow2'", CanCancel = false };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.CancelAsync(info.Id, "admin"));

        Assert.False((await host.Jobs.GetAsync(info.Id)).CanCancel);
        Assert.Equal("The job \"Merge disk 'a.qcow2'\" cannot be cancelled once it has started; wait for it to finish.", error.Message);
        Assert.False(job.WasCancelledThroughToken);
        job.Finish();
    }

    [Fact]
    public async Task CancelAsync_EndedJob_ThrowsJobStateException()
    {
        var job = new ScriptedJob { Description = "Save VM 'web01'" };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        job.Finish();
        await host.WaitForAsync(info.Id, JobState.Succeeded);

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.CancelAsync(info.Id, "admin"));

        Assert.Equal("The job \"Save VM 'web01'\" has already ended (Succeeded); there is nothing to cancel.", error.Message);
    }

    [Fact]
    public async Task CancelAsync_UnknownJob_ThrowsJobNotFoundException()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => host.Jobs.CancelAsync(id, "admin"));

        Assert.Equal(id, error.JobId);
    }

    [Fact]
    public async Task GetAsync_UnknownJob_ThrowsJobNotFoundException()
    {
        await Assert.ThrowsAsync<JobNotFoundException>(() => host.Jobs.GetAsync(Guid.NewGuid()));
        await Assert.ThrowsAsync<JobNotFoundException>(() => host.Jobs.GetLogAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task EnqueueAsync_JobFailsValidation_ThrowsAndRecordsNothing()
    {
        var job = new ScriptedJob { InvalidWith = new ArgumentException("Type a name for the virtual machine.") };

        await Assert.ThrowsAsync<ArgumentException>(() => host.Jobs.EnqueueAsync(job, "admin"));

        Assert.Empty(await host.Jobs.QueryAsync(new JobQuery()));
        Assert.Equal(0, job.Executions);
    }

    [Fact]
    public async Task Subscribe_JobRuns_StreamsEveryStateChange()
    {
        using var subscription = host.Jobs.Subscribe();
        var job = new ScriptedJob();

        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        job.Finish();
        await host.WaitForAsync(info.Id, JobState.Succeeded);

        var states = new List<JobState>();
        await foreach (var change in subscription.Changes())
        {
            states.Add(change.State);
            if (change.State == JobState.Succeeded)
            {
                break;
            }
        }

        Assert.Equal([JobState.Queued, JobState.Running, JobState.Succeeded], states);
    }

    [Fact]
    public async Task Subscribe_AfterJobsRan_InitialStateHasThemNewestFirst()
    {
        var first = new ScriptedJob { Description = "first" };
        var second = new ScriptedJob { Description = "second" };
        var a = await host.Jobs.EnqueueAsync(first, "admin");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Jobs.EnqueueAsync(second, "admin");
        first.Finish();
        await host.WaitForAsync(a.Id, JobState.Succeeded);

        using var subscription = host.Jobs.Subscribe();

        Assert.Equal(["second", "first"], subscription.InitialState.Select(j => j.Description));
        Assert.Equal(JobState.Succeeded, subscription.InitialState[1].State);
        second.Finish();
    }
}
