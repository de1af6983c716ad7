using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Jobs.Fakes;
using HvWeb.Tests.Unit.Web.Fakes;

namespace HvWeb.Tests.Unit.Jobs.Vms;

public sealed class VmJobTests
{
    private readonly ProgressVmManager vms = new();
    private readonly VmJobFactory factory;

    public VmJobTests() => factory = new VmJobFactory(vms);

    [Fact]
    public void Save_UnknownVm_ThrowsVmNotFoundAtOnce()
    {
        var id = Guid.NewGuid();

        var error = Assert.Throws<VmNotFoundException>(() => factory.Save(id));

        Assert.Equal(id, error.VmId);
    }

    [Fact]
    public void Save_RunningVm_DescribesItAndHoldsTheVm()
    {
        var vm = Add("web01", VmState.Running);

        var job = factory.Save(vm.Id);

        Assert.Equal(("save", "Save VM 'web01'", vm.Id, "web01", true), (job.Kind, job.Description, job.VmId!.Value, job.VmName, job.CanCancel));
        Assert.Equal(new JobWording("Saving", "being saved", "save"), job.Wording);
    }

    [Theory]
    [InlineData(VmState.Off, "start", "Start VM 'web01'")]
    [InlineData(VmState.Saved, "start", "Start VM 'web01' from its saved state")]
    public void Start_OffOrSavedVm_DescribesWhatItDoes(VmState state, string kind, string description)
    {
        var vm = Add("web01", state);

        var job = factory.Start(vm.Id);

        Assert.Equal((kind, description), (job.Kind, job.Description));
    }

    [Fact]
    public async Task ValidateAsync_SaveOfOffVm_ThrowsTheEngineRefusal()
    {
        var vm = Add("web01", VmState.Off);
        var job = factory.Save(vm.Id);

        var error = await Assert.ThrowsAsync<VmStateException>(() => job.ValidateAsync(CancellationToken.None));

        Assert.Equal(VmStateRules.Refusal("web01", VmState.Off, VmOperation.Save), error.Message);
        Assert.Equal(VmState.Off, error.State);
    }

    [Fact]
    public async Task ValidateAsync_StartOfRunningVm_ThrowsTheEngineRefusal()
    {
        var vm = Add("web01", VmState.Running);

        var error = await Assert.ThrowsAsync<VmStateException>(() => factory.Start(vm.Id).ValidateAsync(CancellationToken.None));

        Assert.Equal("VM 'web01' is Running; it can be started only when it is Off or Saved.", error.Message);
    }

    [Fact]
    public async Task ValidateAsync_VmDeletedSinceTheJobWasMade_ThrowsVmNotFound()
    {
        var vm = Add("web01", VmState.Running);
        var job = factory.Save(vm.Id);
        vms.Remove(vm.Id);

        await Assert.ThrowsAsync<VmNotFoundException>(() => job.ValidateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_Save_PassesProgressOnWithALogLinePerStep()
    {
        var vm = Add("web01", VmState.Running);
        vms.Steps =
        [
            new(0, "Pausing the VM"),
            new(5, "Writing memory and device state"),
            new(50, "Writing memory and device state"),
            new(95, "Writing memory and device state"),
            new(100, "Saved"),
        ];
        var reports = new List<JobProgress>();

        await factory.Save(vm.Id).ExecuteAsync(new InlineProgress(reports.Add), CancellationToken.None);

        Assert.Equal(
            [
                new JobProgress(0, "Pausing the VM", "Pausing the VM"),
                new JobProgress(5, "Writing memory and device state", "Writing memory and device state"),
                new JobProgress(50, "Writing memory and device state"),
                new JobProgress(95, "Writing memory and device state"),
                new JobProgress(100, "Saved", "Saved"),
            ],
            reports);
        Assert.Equal(["Save web01"], vms.Calls);
    }

    [Fact]
    public async Task ValidateAsync_CreateWithInvalidRequest_ThrowsTheEngineValidation()
    {
        var job = factory.Create(new VmCreateRequest { Name = "bad/name", MemoryStartupMb = 16 });

        var error = await Assert.ThrowsAsync<VmValidationException>(() => job.ValidateAsync(CancellationToken.None));

        Assert.Contains("name", error.Errors.Keys);
        Assert.Contains("memoryStartupMb", error.Errors.Keys);
        Assert.Empty(vms.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_Create_SetsTheVmOnceCreated()
    {
        var job = factory.Create(new VmCreateRequest { Name = "db01", MemoryStartupMb = 512 });
        Assert.Equal(("create-vm", "Create VM 'db01'", null, "db01"), (job.Kind, job.Description, job.VmId, job.VmName));
        await job.ValidateAsync(CancellationToken.None);

        var reports = new List<JobProgress>();
        await job.ExecuteAsync(new InlineProgress(reports.Add), CancellationToken.None);

        var created = Assert.Single(vms.List());
        Assert.Equal((created.Id, "db01"), (job.VmId!.Value, job.VmName));
        Assert.Equal($"VM 'db01' was created with ID {created.Id} in '/srv/vms/db01'.", reports[^1].LogLine);
    }

    private VmSnapshot Add(string name, VmState state)
    {
        var vm = new VmSnapshotBuilder().Named(name).In(state).Build();
        vms.With(vm);
        return vm;
    }

    private sealed class InlineProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
