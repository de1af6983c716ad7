using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.Unit.Web.Fakes;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>
/// The engine as the VM jobs see it: an inventory in memory, and start / save / create that report
/// <see cref="Steps"/> as progress, honour their token, and change the VM's state when they end.
/// </summary>
internal sealed class ProgressVmManager : IVmManager
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, VmSnapshot> _vms = [];

    public HostInfo Host { get; } = new()
    {
        Name = "lab-host-01",
        Accelerator = Accelerator.Tcg,
        AcceleratorReason = "test",
        QemuVersion = "7.2.0",
        LogicalProcessors = 2,
        MemoryTotalMb = 4096,
        DataRoot = "/tmp/hvweb-test",
        DefaultVmFolder = "/tmp/hvweb-test/Virtual Machines",
    };

    /// <summary>What each operation reports, in order.</summary>
    public IReadOnlyList<OperationProgress> Steps { get; set; } = [];

    /// <summary>When set, operations wait for it after reporting (so a test can cancel them).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public List<string> Calls { get; } = [];

    public ProgressVmManager With(VmSnapshot vm)
    {
        lock (_sync)
        {
            _vms[vm.Id] = vm;
        }

        return this;
    }

    public void Remove(Guid id)
    {
        lock (_sync)
        {
            _vms.Remove(id);
        }
    }

    public IReadOnlyList<VmSnapshot> List() { lock (_sync) { return [.. _vms.Values]; } }

    public VmSnapshot Get(Guid id)
    {
        lock (_sync)
        {
            return _vms.TryGetValue(id, out var vm) ? vm : throw new VmNotFoundException(id);
        }
    }

    public Task StartAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync("Start", id, VmState.Running, progress, cancellationToken);

    public Task SaveAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync("Save", id, VmState.Saved, progress, cancellationToken);

    public void ValidateCreate(VmCreateRequest request) =>
        new VmRequestValidator(Host.LogicalProcessors, Host.MemoryTotalMb).ValidateCreate(request);

    public async Task<VmSnapshot> CreateAsync(VmCreateRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        new VmRequestValidator(Host.LogicalProcessors, Host.MemoryTotalMb).ValidateCreate(request);
        await ReportAsync("Create", progress, cancellationToken);
        var vm = new VmSnapshotBuilder().Named(request.Name).Build();
        With(vm);
        return vm;
    }

    public Task<VmSnapshot> UpdateAsync(Guid id, VmUpdateRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public IReadOnlyDictionary<string, string[]> CheckCreate(VmCreateRequest request) => throw new NotSupportedException();
    public IReadOnlyDictionary<string, string[]> CheckUpdate(Guid id, VmUpdateRequest request) => throw new NotSupportedException();
    public Task<VmSnapshot> UpgradeConfigurationVersionAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task DeleteAsync(Guid id, bool deleteDisks, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task TurnOffAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task ShutDownAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task PauseAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task ResumeAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task ResetAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<byte[]> ScreenshotPngAsync(Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public string? GetVncSocket(Guid id) => throw new NotSupportedException();
    public VmSubscription Subscribe() => throw new NotSupportedException();

    private async Task RunAsync(string call, Guid id, VmState after, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        var vm = Get(id);
        await ReportAsync($"{call} {vm.Name}", progress, cancellationToken);
        With(vm with { State = after });
    }

    private async Task ReportAsync(string call, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            Calls.Add(call);
        }

        foreach (var step in Steps)
        {
            progress?.Report(step);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
    }
}
