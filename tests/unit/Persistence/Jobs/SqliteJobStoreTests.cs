using HvWeb.Jobs;
using HvWeb.Persistence.Jobs;
using HvWeb.Tests.Unit.Jobs;

namespace HvWeb.Tests.Unit.Persistence.Jobs;

public sealed class SqliteJobStoreTests : IAsyncLifetime
{
    private static readonly Guid VmA = Guid.Parse("6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01");
    private static readonly Guid VmB = Guid.Parse("0b7e2d38-8f5e-4d0e-b6a2-6c3f2f9e0b02");

    private InMemoryDatabase database = null!;
    private SqliteJobStore store = null!;

    public async Task InitializeAsync()
    {
        database = await InMemoryDatabase.CreateMigratedAsync();
        store = new SqliteJobStore(database.Factory);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task AddAsync_EveryField_RoundTrips()
    {
        var job = new JobInfoBuilder().In(JobState.Failed).ForVm(VmA, "Web01").StartedBy("alice").Build();

        await store.AddAsync(job);

        Assert.Equal(job, await store.GetAsync(job.Id));
    }

    [Fact]
    public async Task AddAsync_TimeWithOffset_ReadsBackSameInstantInUtc()
    {
        var local = new DateTimeOffset(2025, 3, 1, 14, 30, 0, 123, TimeSpan.FromHours(2));
        var job = new JobInfoBuilder().In(JobState.Queued).Build() with { CreatedUtc = local };

        await store.AddAsync(job);
        var read = (await store.GetAsync(job.Id))!;

        Assert.Equal(local.UtcDateTime, read.CreatedUtc.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, read.CreatedUtc.Offset);
    }

    [Fact]
    public async Task GetAsync_Unknown_IsNull()
    {
        Assert.Null(await store.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task WriteAsync_StateAndLines_UpdatesRowsAndAppendsInOrder()
    {
        var a = new JobInfoBuilder().In(JobState.Queued).Build();
        var b = new JobInfoBuilder().In(JobState.Queued).Build();
        await store.AddAsync(a);
        await store.AddAsync(b);
        var t = JobInfoBuilder.Origin;

        await store.WriteAsync(
        [
            new JobWrite(a with { State = JobState.Running, Percent = 45, Step = "Copying", StartedUtc = t }, [new(t, "Started."), new(t, "Copying")]),
            new JobWrite(b with { State = JobState.Running, Percent = 5 }, [new(t, "Started.")]),
        ]);
        await store.WriteAsync([new JobWrite(a with { State = JobState.Succeeded, Percent = 100, Step = "Copying", StartedUtc = t, EndedUtc = t.AddSeconds(9) }, [new(t.AddSeconds(9), "Succeeded in 9.0 s.")])]);

        var readA = (await store.GetAsync(a.Id))!;
        Assert.Equal((JobState.Succeeded, 100, "Copying", t, t.AddSeconds(9)), (readA.State, readA.Percent, readA.Step, readA.StartedUtc!.Value, readA.EndedUtc!.Value));
        Assert.Equal(["Started.", "Copying", "Succeeded in 9.0 s."], (await store.GetLogAsync(a.Id)).Select(l => l.Text));
        Assert.Equal(5, (await store.GetAsync(b.Id))!.Percent);
    }

    [Fact]
    public async Task WriteAsync_OneJobUnknown_ThrowsAndWritesNothing()
    {
        var known = new JobInfoBuilder().In(JobState.Queued).Build();
        await store.AddAsync(known);
        var unknown = new JobInfoBuilder().In(JobState.Running).Build();

        await Assert.ThrowsAsync<JobNotFoundException>(() => store.WriteAsync(
        [
            new JobWrite(known with { State = JobState.Running }, [new(JobInfoBuilder.Origin, "Started.")]),
            new JobWrite(unknown, []),
        ]));

        Assert.Equal(JobState.Queued, (await store.GetAsync(known.Id))!.State);
        Assert.Empty(await store.GetLogAsync(known.Id));
    }

    [Fact]
    public async Task UpdateAsync_Unknown_ThrowsJobNotFound()
    {
        await Assert.ThrowsAsync<JobNotFoundException>(() => store.UpdateAsync(new JobInfoBuilder().Build()));
    }

    [Fact]
    public async Task AppendLogAsync_Lines_AddedAfterExistingOnes()
    {
        var job = new JobInfoBuilder().In(JobState.Running).Build();
        await store.AddAsync(job);
        var t = JobInfoBuilder.Origin;

        await store.AppendLogAsync(job.Id, [new(t, "one"), new(t, "two")]);
        await store.AppendLogAsync(job.Id, [new(t.AddSeconds(1), "three")]);

        var log = await store.GetLogAsync(job.Id);
        Assert.Equal(["one", "two", "three"], log.Select(l => l.Text));
        Assert.Equal(t.AddSeconds(1), log[2].TimeUtc);
        await Assert.ThrowsAsync<JobNotFoundException>(() => store.AppendLogAsync(Guid.NewGuid(), [new(t, "x")]));
    }

    [Fact]
    public async Task QueryAsync_NoFilters_NewestFirst()
    {
        await AddAsync(
            new JobInfoBuilder().AtMinute(2).Described("second"),
            new JobInfoBuilder().AtMinute(3).Described("third"),
            new JobInfoBuilder().AtMinute(1).Described("first"));

        var jobs = await store.QueryAsync(new JobQuery());

        Assert.Equal(["third", "second", "first"], jobs.Select(j => j.Description));
    }

    [Fact]
    public async Task QueryAsync_EachFilter_ReturnsOnlyMatchingJobs()
    {
        await AddAsync(
            new JobInfoBuilder().AtMinute(1).Described("a").ForVm(VmA).OfKind("save").StartedBy("alice").In(JobState.Succeeded),
            new JobInfoBuilder().AtMinute(2).Described("b").ForVm(VmB).OfKind("export").StartedBy("bob").In(JobState.Failed),
            new JobInfoBuilder().AtMinute(3).Described("c").OfKind("save").StartedBy("system").In(JobState.Running));

        Assert.Equal(["a"], await DescriptionsAsync(new JobQuery { VmId = VmA }));
        Assert.Equal(["c", "a"], await DescriptionsAsync(new JobQuery { Kind = "save" }));
        Assert.Equal(["b"], await DescriptionsAsync(new JobQuery { State = JobState.Failed }));
        Assert.Equal(["c"], await DescriptionsAsync(new JobQuery { StartedBy = "system" }));
        Assert.Equal(["a"], await DescriptionsAsync(new JobQuery { Kind = "save", StartedBy = "alice" }));
    }

    [Fact]
    public async Task QueryAsync_Limit_ReturnsThatManyNewestAndCapsAtMax()
    {
        await AddAsync([.. Enumerable.Range(0, 5).Select(i => new JobInfoBuilder().AtMinute(i).Described($"job {i}"))]);

        Assert.Equal(["job 4", "job 3"], await DescriptionsAsync(new JobQuery { Limit = 2 }));
        Assert.Empty(await store.QueryAsync(new JobQuery { Limit = 0 }));
        Assert.Equal(5, (await store.QueryAsync(new JobQuery { Limit = int.MaxValue })).Count);
    }

    [Fact]
    public async Task AbortUnfinishedAsync_QueuedAndRunning_AbortedWithReasonAndLogLine()
    {
        var running = new JobInfoBuilder().In(JobState.Running).ForVm(VmA).Build();
        var queued = new JobInfoBuilder().In(JobState.Queued).Build();
        var done = new JobInfoBuilder().In(JobState.Succeeded).Build();
        await AddAsync(running, queued, done);
        var now = JobInfoBuilder.Origin.AddHours(1);

        var aborted = await store.AbortUnfinishedAsync("The server stopped while the job was running.", now);

        Assert.Equal(new[] { queued.Id, running.Id }.Order(), aborted.Select(j => j.Id).Order());
        foreach (var id in new[] { running.Id, queued.Id })
        {
            var job = (await store.GetAsync(id))!;
            Assert.Equal((JobState.Aborted, "The server stopped while the job was running.", now), (job.State, job.Error, job.EndedUtc!.Value));
            Assert.Equal("Aborted: The server stopped while the job was running.", (await store.GetLogAsync(id))[^1].Text);
        }

        Assert.Equal(done, await store.GetAsync(done.Id));
        Assert.Empty(await store.AbortUnfinishedAsync("again", now));
    }

    private async Task AddAsync(params JobInfoBuilder[] builders)
    {
        foreach (var builder in builders)
        {
            await store.AddAsync(builder.Build());
        }
    }

    private async Task AddAsync(params JobInfo[] jobs)
    {
        foreach (var job in jobs)
        {
            await store.AddAsync(job);
        }
    }

    private async Task<IEnumerable<string>> DescriptionsAsync(JobQuery query) =>
        (await store.QueryAsync(query)).Select(j => j.Description);
}
