using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobLimitTests
{
    [Fact]
    public async Task EnqueueAsync_ThreeStorageMovesWithDefaultLimit_TwoRunAndOneWaits()
    {
        await using var host = await JobTestHost.StartAsync();
        var moves = Enumerable.Range(0, 3).Select(i => new ScriptedJob { Kind = "move-storage", Description = $"move {i}" }).ToList();

        var infos = new List<JobInfo>();
        foreach (var move in moves)
        {
            infos.Add(await host.Jobs.EnqueueAsync(move, "admin"));
        }

        await Task.WhenAll(moves[0].Started, moves[1].Started);
        Assert.Equal(JobState.Queued, (await host.Jobs.GetAsync(infos[2].Id)).State);
        Assert.Equal(0, moves[2].Executions);

        moves[0].Finish();
        await moves[2].Started;
        Assert.Equal(JobState.Running, (await host.Jobs.GetAsync(infos[2].Id)).State);
        moves[1].Finish();
        moves[2].Finish();
    }

    [Fact]
    public async Task EnqueueAsync_LimitOne_RunsInQueueOrder()
    {
        await using var host = await JobTestHost.StartAsync(o => o.Limits["export"] = 1);
        var order = new List<int>();
        var exports = Enumerable.Range(0, 5)
            .Select(i => new ScriptedJob { Kind = "export", OnStart = _ => { lock (order) { order.Add(i); } } })
            .ToList();
        foreach (var export in exports)
        {
            await host.Jobs.EnqueueAsync(export, "admin");
        }

        foreach (var export in exports)
        {
            await export.Started;
            export.Finish();
        }

        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public async Task EnqueueAsync_KindAtItsLimit_DoesNotHoldUpOtherKinds()
    {
        await using var host = await JobTestHost.StartAsync(o => o.Limits["migrate"] = 1);
        var first = new ScriptedJob { Kind = "migrate" };
        var second = new ScriptedJob { Kind = "migrate" };
        var other = new ScriptedJob { Kind = "export" };

        await host.Jobs.EnqueueAsync(first, "admin");
        var waiting = await host.Jobs.EnqueueAsync(second, "admin");
        await host.Jobs.EnqueueAsync(other, "admin");

        await Task.WhenAll(first.Started, other.Started);
        Assert.Equal(JobState.Queued, (await host.Jobs.GetAsync(waiting.Id)).State);
        first.Finish();
        second.Finish();
        other.Finish();
    }

    [Fact]
    public async Task EnqueueAsync_DefaultLimit_AppliesToUnnamedKinds()
    {
        await using var host = await JobTestHost.StartAsync(o => o.DefaultLimit = 2);
        var jobs = Enumerable.Range(0, 3).Select(_ => new ScriptedJob { Kind = "convert" }).ToList();
        var infos = new List<JobInfo>();
        foreach (var job in jobs)
        {
            infos.Add(await host.Jobs.EnqueueAsync(job, "admin"));
        }

        await Task.WhenAll(jobs[0].Started, jobs[1].Started);

        Assert.Equal(JobState.Queued, (await host.Jobs.GetAsync(infos[2].Id)).State);
        jobs.ForEach(j => j.Finish());
    }

    [Fact]
    public async Task CancelAsync_QueuedJobThatCannotCancel_EndsCancelledWithoutRunning()
    {
        await using var host = await JobTestHost.StartAsync(o => o.Limits["merge"] = 1);
        var running = new ScriptedJob { Kind = "merge" };
        var queued = new ScriptedJob { Kind = "merge", CanCancel = false };
        await host.Jobs.EnqueueAsync(running, "admin");
        var info = await host.Jobs.EnqueueAsync(queued, "admin");
        await running.Started;

        Assert.True(info.CanCancel);
        var cancelled = await host.Jobs.CancelAsync(info.Id, "admin");
        running.Finish();
        await host.WaitForAsync(info.Id, JobState.Cancelled);

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Null(cancelled.StartedUtc);
        Assert.Equal(0, queued.Executions);
        Assert.Equal(JobState.Cancelled, host.Store.Job(info.Id).State);
        Assert.Equal("Cancelled at the request of admin.", host.Store.LogOf(info.Id)[^1]);
    }

    [Fact]
    public void LimitOf_Defaults_TwoForStorageMovesAndMigrationsFourForOthers()
    {
        var options = new JobOptions();

        Assert.Equal(2, options.LimitOf("move-storage"));
        Assert.Equal(2, options.LimitOf("migrate"));
        Assert.Equal(4, options.LimitOf("export"));
    }

    [Fact]
    public void LimitOf_ZeroConfigured_IsOne()
    {
        var options = new JobOptions { DefaultLimit = 0 };

        Assert.Equal(1, options.LimitOf("export"));
    }
}
