using HvWeb.Jobs;
using HvWeb.Jobs.Schedules;
using HvWeb.Tests.Unit.Jobs.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class JobSchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private JobTestHost host = null!;

    public async Task InitializeAsync() => host = await JobTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Add_EachIntervalWithPreviousRunEnded_QueuesOneJobStartedBySystem()
    {
        var schedule = new CountingSchedule(FiveMinutes);
        using var handle = host.Scheduler.Add(schedule);

        host.Time.Advance(FiveMinutes - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Empty(schedule.Made);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => schedule.Made.Count == 1, "the first run is queued");
        await schedule.Made[0].Started;
        schedule.Made[0].Finish();
        await Eventually.TrueAsync(async () => (await host.Jobs.QueryAsync(new JobQuery())).All(j => j.State == JobState.Succeeded), () => "the first run ended");

        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 2, "the second run is queued");

        var jobs = await host.Jobs.QueryAsync(new JobQuery());
        Assert.All(jobs, j => Assert.Equal("system", j.StartedBy));
        schedule.Made[1].Finish();
    }

    [Fact]
    public async Task Add_PreviousRunStillRunning_SkipsTheRun()
    {
        var schedule = new CountingSchedule(FiveMinutes);
        using var handle = host.Scheduler.Add(schedule);
        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 1, "the first run is queued");
        await schedule.Made[0].Started;

        host.Time.Advance(FiveMinutes);
        await Task.Delay(100);
        Assert.Single(schedule.Made);

        schedule.Made[0].Finish();
        await Eventually.TrueAsync(async () => (await host.Jobs.QueryAsync(new JobQuery())).Single().State == JobState.Succeeded, () => "the first run ended");
        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 2, "the next run is queued");
        schedule.Made[1].Finish();
    }

    [Fact]
    public async Task Add_JobRefused_SkipsAndKeepsTheSchedule()
    {
        var vm = Guid.NewGuid();
        var holder = new ScriptedJob { Kind = "save", VmId = vm, VmName = "web01" };
        await host.Jobs.EnqueueAsync(holder, "admin");
        var schedule = new CountingSchedule(FiveMinutes, () => new ScriptedJob { Kind = "replicate", VmId = vm, VmName = "web01" });
        using var handle = host.Scheduler.Add(schedule);

        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 1, "the refused run was tried");
        holder.Finish();
        await Eventually.TrueAsync(() => host.VmLock.Holder(vm) is null, "the VM is free");
        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 2, "the next run is tried");

        var replications = await host.Jobs.QueryAsync(new JobQuery { Kind = "replicate" });
        Assert.Single(replications, j => j.Kind == "replicate");
        schedule.Made[1].Finish();
    }

    [Fact]
    public async Task Dispose_Handle_StopsTheSchedule()
    {
        var schedule = new CountingSchedule(FiveMinutes, () => Finished());
        var handle = host.Scheduler.Add(schedule);
        host.Time.Advance(FiveMinutes);
        await Eventually.TrueAsync(() => schedule.Made.Count == 1, "the first run is queued");

        handle.Dispose();
        host.Time.Advance(FiveMinutes);
        host.Time.Advance(FiveMinutes);
        await Task.Delay(100);

        Assert.Single(schedule.Made);
        handle.Dispose();
    }

    [Fact]
    public async Task Start_ScheduleRegisteredInTheContainer_Runs()
    {
        var schedule = new CountingSchedule(TimeSpan.FromSeconds(30), () => Finished());
        await using var other = await JobTestHost.StartAsync(services: s => s.AddSingleton<IJobSchedule>(schedule));

        other.Time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.TrueAsync(() => schedule.Made.Count == 1, "the registered schedule ran");
    }

    [Fact]
    public void Add_ZeroInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => host.Scheduler.Add(new CountingSchedule(TimeSpan.Zero)));
    }

    private static ScriptedJob Finished()
    {
        var job = new ScriptedJob { Kind = "reset-lab" };
        job.Finish();
        return job;
    }
}
