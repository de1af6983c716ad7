using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobShutdownTests
{
    [Fact]
    public async Task StopAsync_JobStillRunningAfterGrace_AbortedAndNotCancelled()
    {
        await using var host = await JobTestHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromSeconds(5));
        var job = new ScriptedJob { HonoursToken = true };
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        var stop = host.StopAsync();
        await Task.Delay(50);
        Assert.False(stop.IsCompleted);
        await AdvanceUntilAsync(host, stop);

        var aborted = host.Store.Job(info.Id);
        Assert.Equal(JobState.Aborted, aborted.State);
        Assert.Equal("The server stopped while the job was running.", aborted.Error);
        Assert.Equal("Aborted: The server stopped while the job was running.", host.Store.LogOf(info.Id)[^1]);
        Assert.False(job.WasCancelledThroughToken);
    }

    [Fact]
    public async Task StopAsync_AbortedJobEndsLater_StaysAborted()
    {
        await using var host = await JobTestHost.StartAsync();
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;
        await host.StopAsync();

        job.Finish();
        await Task.Delay(50);

        Assert.Equal(JobState.Aborted, host.Store.Job(info.Id).State);
        Assert.Equal(JobState.Aborted, (await host.Jobs.GetAsync(info.Id)).State);
    }

    [Fact]
    public async Task StopAsync_JobEndsWithinGrace_KeepsItsRealOutcome()
    {
        await using var host = await JobTestHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromSeconds(5));
        var job = new ScriptedJob();
        var info = await host.Jobs.EnqueueAsync(job, "admin");
        await job.Started;

        var stop = host.StopAsync();
        job.Finish();
        await stop;

        Assert.Equal(JobState.Succeeded, host.Store.Job(info.Id).State);
    }

    [Fact]
    public async Task StopAsync_QueuedJob_AbortedWithoutRunning()
    {
        await using var host = await JobTestHost.StartAsync(o => o.Limits["export"] = 1);
        var running = new ScriptedJob { Kind = "export" };
        var queued = new ScriptedJob { Kind = "export" };
        await host.Jobs.EnqueueAsync(running, "admin");
        var info = await host.Jobs.EnqueueAsync(queued, "admin");
        await running.Started;

        await host.StopAsync();

        Assert.Equal(JobState.Aborted, host.Store.Job(info.Id).State);
        Assert.Equal("The server stopped before the job started.", host.Store.Job(info.Id).Error);
        Assert.Equal(0, queued.Executions);
    }

    [Fact]
    public async Task EnqueueAsync_AfterStop_RefusedWithASentence()
    {
        await using var host = await JobTestHost.StartAsync();
        await host.StopAsync();

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(new ScriptedJob(), "admin"));

        Assert.Equal("The server is stopping and accepts no new jobs; try again once it is back.", error.Message);
    }

    private static async Task AdvanceUntilAsync(JobTestHost host, Task stop)
    {
        while (!stop.IsCompleted)
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await stop;
    }
}
