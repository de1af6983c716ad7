using HvWeb.Jobs;
using HvWeb.Tests.Unit.Jobs.Fakes;

namespace HvWeb.Tests.Unit.Jobs;

public sealed class VmJobLockTests : IAsyncLifetime
{
    private static readonly Guid Web01 = Guid.Parse("5d0c2b1e-7a3f-4c11-9e43-2f6a8b9c0d01");
    private static readonly JobWording Saving = new("Saving", "being saved", "save");

    private JobTestHost host = null!;

    public async Task InitializeAsync() => host = await JobTestHost.StartAsync(o => o.Limits["save"] = 1);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_VmBusyWithRunningJob_RefusedWithWhatIsUnderWay()
    {
        var save = SaveOf(Web01, p => p.Report(new JobProgress(45, "Writing memory and device state")));
        await host.Jobs.EnqueueAsync(save, "admin");
        await save.Started;

        var second = new ScriptedJob { Kind = "export", VmId = Web01, VmName = "web01" };
        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(second, "admin"));

        Assert.Equal("'web01' is being saved (45 %); wait or cancel the save.", error.Message);
        Assert.Equal(0, second.Executions);
        save.Finish();
    }

    [Fact]
    public async Task EnqueueAsync_VmBusyWithJobThatCannotCancel_SaysToWait()
    {
        var save = SaveOf(Web01);
        var merge = new ScriptedJob { Kind = "merge", VmId = Web01, VmName = "web01", CanCancel = false, Words = new("Merging", "being merged", "merge"), OnStart = p => p.Report(new JobProgress(60, null)) };
        await host.Jobs.EnqueueAsync(merge, "admin");
        await merge.Started;

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(save, "admin"));

        Assert.Equal("'web01' is being merged (60 %); wait for the merge to finish.", error.Message);
        merge.Finish();
    }

    [Fact]
    public async Task EnqueueAsync_VmHeldByQueuedJob_RefusedNamingTheQueuedOperation()
    {
        var other = Guid.NewGuid();
        var blocker = SaveOf(other);
        await host.Jobs.EnqueueAsync(blocker, "admin");
        await blocker.Started;
        await host.Jobs.EnqueueAsync(SaveOf(Web01), "admin");

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(SaveOf(Web01), "admin"));

        Assert.Equal("'web01' has a save waiting in the queue; wait or cancel the save.", error.Message);
        blocker.Finish();
    }

    [Fact]
    public async Task EnqueueAsync_AfterTheHoldingJobEnded_Accepted()
    {
        var save = SaveOf(Web01);
        var first = await host.Jobs.EnqueueAsync(save, "admin");
        save.Finish();
        await host.WaitForAsync(first.Id, JobState.Succeeded);

        var next = SaveOf(Web01);
        var second = await host.Jobs.EnqueueAsync(next, "admin");

        Assert.Equal(JobState.Queued, second.State);
        next.Finish();
    }

    [Fact]
    public async Task Outcome_OnceWrittenForReaders_TheVmIsAlreadyFree()
    {
        // A client that reads "Succeeded" (the API, the page) may start the VM's next job at once.
        var save = SaveOf(Web01);
        var holderWhenSucceededWasWritten = new List<JobInfo?>();
        host.Store.Written = job =>
        {
            if (job.VmId == Web01 && job.State == JobState.Succeeded)
            {
                holderWhenSucceededWasWritten.Add(host.VmLock.Holder(Web01));
            }
        };
        var first = await host.Jobs.EnqueueAsync(save, "admin");
        save.Finish();
        await host.WaitForAsync(first.Id, JobState.Succeeded);

        Assert.Null(Assert.Single(holderWhenSucceededWasWritten));
    }

    [Fact]
    public async Task EnqueueAsync_ValidationFails_ReleasesTheVm()
    {
        var invalid = new ScriptedJob { VmId = Web01, VmName = "web01", InvalidWith = new InvalidOperationException("VM 'web01' is Off; only a Running or Paused VM can be saved.") };
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Jobs.EnqueueAsync(invalid, "admin"));

        Assert.Null(host.VmLock.Holder(Web01));
        host.VmLock.ThrowIfLocked(Web01);
    }

    [Fact]
    public async Task ThrowIfLocked_VmHeld_ThrowsTheSentenceAndHolderIsTheJob()
    {
        var save = SaveOf(Web01, p => p.Report(new JobProgress(10, null)));
        var info = await host.Jobs.EnqueueAsync(save, "admin");
        await save.Started;
        await Eventually.TrueAsync(() => host.VmLock.Holder(Web01)?.Percent == 10, "the holder shows 10 %");

        var error = Assert.Throws<JobStateException>(() => host.VmLock.ThrowIfLocked(Web01));

        Assert.Equal("'web01' is being saved (10 %); wait or cancel the save.", error.Message);
        Assert.Equal(info.Id, host.VmLock.Holder(Web01)!.Id);
        Assert.Null(host.VmLock.Holder(Guid.NewGuid()));
        save.Finish();
    }

    [Fact]
    public async Task EnqueueAsync_JobWithoutWording_RefusalUsesItsDescription()
    {
        var export = new ScriptedJob { Kind = "export", Description = "Export VM 'web01'", VmId = Web01, VmName = "web01", OnStart = p => p.Report(new JobProgress(30, null)) };
        await host.Jobs.EnqueueAsync(export, "admin");
        await export.Started;

        var error = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(SaveOf(Web01), "admin"));

        Assert.Equal("'web01' is busy with \"Export VM 'web01'\" (30 %); wait or cancel the job.", error.Message);
        export.Finish();
    }

    private static ScriptedJob SaveOf(Guid vmId, Action<IProgress<JobProgress>>? onStart = null) => new()
    {
        Kind = "save",
        Description = "Save VM 'web01'",
        VmId = vmId,
        VmName = "web01",
        Words = Saving,
        OnStart = onStart,
    };
}
