using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Jobs.Fakes;
using HvWeb.Tests.Unit.Web.Fakes;

namespace HvWeb.Tests.Unit.Jobs.Vms;

/// <summary>The VM jobs through the runner, over a fake engine.</summary>
public sealed class VmJobRunTests : IAsyncLifetime
{
    private readonly ProgressVmManager vms = new();
    private JobTestHost host = null!;
    private VmJobFactory factory = null!;

    public async Task InitializeAsync()
    {
        host = await JobTestHost.StartAsync();
        factory = new VmJobFactory(vms);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_Save_RunsAndLogsEachStep()
    {
        var vm = Add(VmState.Running);
        vms.Steps = [new(0, "Pausing the VM"), new(5, "Writing memory and device state"), new(60, "Writing memory and device state"), new(100, "Saved")];

        var info = await host.Jobs.EnqueueAsync(factory.Save(vm.Id), "admin");
        var done = await host.WaitForAsync(info.Id, JobState.Succeeded);

        Assert.Equal(VmState.Saved, vms.Get(vm.Id).State);
        Assert.Equal((vm.Id, "web01", "Saved"), (done.VmId!.Value, done.VmName, done.Step));
        Assert.Equal(
            ["Queued by admin.", "Started.", "Pausing the VM", "Writing memory and device state", "Saved", "Succeeded in 0.0 s."],
            host.Store.LogOf(info.Id));
    }

    [Fact]
    public async Task EnqueueAsync_SaveOfOffVm_RefusedAtOnceAndNotRecorded()
    {
        var vm = Add(VmState.Off);

        var error = await Assert.ThrowsAsync<VmStateException>(() => host.Jobs.EnqueueAsync(factory.Save(vm.Id), "admin"));

        Assert.Equal("VM 'web01' is Off; only a Running or Paused VM can be saved.", error.Message);
        Assert.Empty(host.Store.Writes);
        Assert.Empty(await host.Jobs.QueryAsync(new JobQuery()));
        Assert.Null(host.VmLock.Holder(vm.Id));
    }

    [Fact]
    public async Task CancelAsync_SaveUnderWay_CancelledAndVmLeftRunning()
    {
        var vm = Add(VmState.Running);
        vms.Steps = [new(30, "Writing memory and device state")];
        vms.Gate = new TaskCompletionSource();
        var info = await host.Jobs.EnqueueAsync(factory.Save(vm.Id), "admin");
        await Eventually.TrueAsync(async () => (await host.Jobs.GetAsync(info.Id)).Percent == 30, () => "the save is under way");

        var refusal = await Assert.ThrowsAsync<JobStateException>(() => host.Jobs.EnqueueAsync(factory.Start(vm.Id), "admin"));
        await host.Jobs.CancelAsync(info.Id, "admin");
        await host.WaitForAsync(info.Id, JobState.Cancelled);

        Assert.Equal("'web01' is being saved (30 %); wait or cancel the save.", refusal.Message);
        Assert.Equal(VmState.Running, vms.Get(vm.Id).State);
        Assert.Null(host.VmLock.Holder(vm.Id));
    }

    [Fact]
    public async Task EnqueueAsync_Create_JobGetsTheNewVmWhenItEnds()
    {
        var info = await host.Jobs.EnqueueAsync(factory.Create(new VmCreateRequest { Name = "db01", MemoryStartupMb = 512 }), "admin");

        var done = await host.WaitForAsync(info.Id, JobState.Succeeded);

        Assert.Null(info.VmId);
        Assert.Equal((vms.List().Single().Id, "db01"), (done.VmId!.Value, done.VmName));
        Assert.Equal(done.VmId, host.Store.Job(info.Id).VmId);
    }

    [Fact]
    public async Task EnqueueAsync_CreateWithInvalidRequest_ValidationErrorAndNothingRecorded()
    {
        await Assert.ThrowsAsync<VmValidationException>(() =>
            host.Jobs.EnqueueAsync(factory.Create(new VmCreateRequest { Name = "" }), "admin"));

        Assert.Empty(await host.Jobs.QueryAsync(new JobQuery()));
    }

    private VmSnapshot Add(VmState state)
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(state).Build();
        vms.With(vm);
        return vm;
    }
}
