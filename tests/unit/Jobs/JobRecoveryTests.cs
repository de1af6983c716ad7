using HvWeb.Engine.Events;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobRecoveryTests
{
    private static readonly Guid Web01 = Guid.Parse("a3e0c9f2-51d4-4b7a-8f0e-1c2d3e4f5a01");

    [Fact]
    public async Task Start_JobsLeftRunningOrQueued_MarkedAbortedWithTheReason()
    {
        var running = new JobInfoBuilder().In(JobState.Running).ForVm(Web01).AtMinute(1).Build();
        var queued = new JobInfoBuilder().In(JobState.Queued).AtMinute(2).Build();
        var succeeded = new JobInfoBuilder().In(JobState.Succeeded).AtMinute(0).Build();
        var store = new RecordingJobStore().With(running, "Started.").With(queued).With(succeeded);

        await using var host = await JobTestHost.StartAsync(store: store);

        foreach (var id in new[] { running.Id, queued.Id })
        {
            var job = store.Job(id);
            Assert.Equal(JobState.Aborted, job.State);
            Assert.Equal("The server stopped while the job was running.", job.Error);
            Assert.Equal(JobTestHost.Origin, job.EndedUtc);
            Assert.Equal("Aborted: The server stopped while the job was running.", store.LogOf(id)[^1]);
        }

        Assert.Equal(JobState.Succeeded, store.Job(succeeded.Id).State);
    }

    [Fact]
    public async Task Start_AbortedJobs_WarnedInTheEventLogWithTheirVm()
    {
        var running = new JobInfoBuilder().In(JobState.Running).ForVm(Web01).Build();

        await using var host = await JobTestHost.StartAsync(store: new RecordingJobStore().With(running));

        var warning = Assert.Single(host.Events.Events);
        Assert.Equal(EventLevel.Warning, warning.Level);
        Assert.Equal(HostEvent.ManagementSource, warning.Source);
        Assert.Equal((Web01, "web01"), (warning.VmId!.Value, warning.VmName));
        Assert.Equal("The job \"Save VM 'web01'\" (started by admin) was aborted: The server stopped while the job was running.", warning.Message);
    }

    [Fact]
    public async Task Subscribe_AfterRecovery_InitialStateHasRecentJobsFromTheStore()
    {
        var running = new JobInfoBuilder().In(JobState.Running).AtMinute(1).Build();
        var succeeded = new JobInfoBuilder().In(JobState.Succeeded).AtMinute(0).Build();

        await using var host = await JobTestHost.StartAsync(store: new RecordingJobStore().With(running).With(succeeded));
        using var subscription = host.Jobs.Subscribe();

        Assert.Equal(
            [(running.Id, JobState.Aborted), (succeeded.Id, JobState.Succeeded)],
            subscription.InitialState.Select(j => (j.Id, j.State)));
    }

    [Fact]
    public async Task EnqueueAsync_BeforeRecovery_WaitsAndIsNotAborted()
    {
        await using var host = JobTestHost.Create();
        var job = new ScriptedJob();

        var enqueue = host.Jobs.EnqueueAsync(job, "admin");
        await Task.Delay(50);
        Assert.False(enqueue.IsCompleted);
        await host.StartHostedAsync();
        var info = await enqueue;
        await job.Started;
        job.Finish();

        await host.WaitForAsync(info.Id, JobState.Succeeded);
    }
}
