using System.Threading.Channels;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Web.Fakes;

/// <summary>
/// The engine seen by UI-only tests: an inventory in memory, a change stream the test pushes into,
/// and a record of the calls. Never a stand-in for the real engine in e2e tests.
/// </summary>
public sealed class FakeVmManager : IVmManager
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, VmSnapshot> _vms = [];
    private readonly List<Channel<VmChange>> _subscribers = [];

    public HostInfo Host { get; set; } = new()
    {
        Name = "lab-host-01",
        Accelerator = Accelerator.Tcg,
        AcceleratorReason = "KVM probe failed: /dev/kvm is missing; using TCG",
        QemuVersion = "9.2.0",
        LogicalProcessors = 4,
        MemoryTotalMb = 8192,
        DataRoot = "/tmp/hvweb-test",
        DefaultVmFolder = "/tmp/hvweb-test/Virtual Machines",
    };

    /// <summary>Thrown by every action, create and delete when set.</summary>
    public Exception? FailWith { get; set; }

    public List<string> Calls { get; } = [];
    public List<VmCreateRequest> Created { get; } = [];
    public int ActiveSubscriptions { get { lock (_lock) { return _subscribers.Count; } } }

    public FakeVmManager With(params VmSnapshot[] vms)
    {
        lock (_lock)
        {
            foreach (var vm in vms)
            {
                _vms[vm.Id] = vm;
            }
        }

        return this;
    }

    /// <summary>Publishes a VM's new snapshot (or its removal when <paramref name="vm"/> is null) to every subscriber.</summary>
    public void Push(Guid id, VmSnapshot? vm)
    {
        lock (_lock)
        {
            if (vm is null) { _vms.Remove(id); } else { _vms[id] = vm; }
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(new VmChange(id, vm));
            }
        }
    }

    public IReadOnlyList<VmSnapshot> List() { lock (_lock) { return [.. _vms.Values]; } }

    public VmSnapshot Get(Guid id)
    {
        lock (_lock)
        {
            return _vms.TryGetValue(id, out var vm) ? vm : throw new VmNotFoundException(id);
        }
    }

    public VmSubscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<VmChange>();
        lock (_lock)
        {
            _subscribers.Add(channel);
            return new VmSubscription([.. _vms.Values], channel, _ => { lock (_lock) { _subscribers.Remove(channel); } });
        }
    }

    public void ValidateCreate(VmCreateRequest request) =>
        new VmRequestValidator(Host.LogicalProcessors, Host.MemoryTotalMb).ValidateCreate(request);

    public Task<VmSnapshot> CreateAsync(VmCreateRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Record("Create");
        Created.Add(request);
        var vm = new VmSnapshotBuilder().Named(request.Name).Build();
        With(vm);
        return Task.FromResult(vm);
    }

    public IReadOnlyDictionary<string, string[]> CheckCreate(VmCreateRequest request)
    {
        try
        {
            ValidateCreate(request);
            return new Dictionary<string, string[]>();
        }
        catch (VmValidationException e)
        {
            return e.Errors;
        }
    }

    public IReadOnlyDictionary<string, string[]> CheckUpdate(Guid id, VmUpdateRequest request)
    {
        var vm = Get(id);
        lock (_lock)
        {
            Checked.Add(request);
        }

        if (UpdateRules?.Invoke(vm, request) is { Count: > 0 } refused)
        {
            return refused;
        }

        try
        {
            new VmRequestValidator(Host.LogicalProcessors, Host.MemoryTotalMb).ValidateUpdate(request);
            return new Dictionary<string, string[]>();
        }
        catch (VmValidationException e)
        {
            return e.Errors;
        }
    }

    /// <summary>Requests given to CheckUpdate, in order (Settings dialog tests).</summary>
    public List<VmUpdateRequest> Checked { get; } = [];

    /// <summary>Requests given to UpdateAsync, in order (Settings dialog tests).</summary>
    public List<VmUpdateRequest> Updated { get; } = [];

    /// <summary>Refusals a test states for CheckUpdate (the engine's state and cross-field rules), checked before the validator's.</summary>
    public Func<VmSnapshot, VmUpdateRequest, IReadOnlyDictionary<string, string[]>>? UpdateRules { get; set; }

    /// <summary>Every delete asked for, with its deleteDisks flag.</summary>
    public List<(Guid Id, bool DeleteDisks)> Deleted { get; } = [];

    /// <summary>Thrown by UpdateAsync when set (a refusal from the engine).</summary>
    public Exception? UpdateFailWith { get; set; }

    public Task<VmSnapshot> UpdateAsync(Guid id, VmUpdateRequest request, CancellationToken cancellationToken = default)
    {
        Get(id);
        if (UpdateFailWith is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            Updated.Add(request);
        }

        return Task.FromResult(Get(id));
    }

    public async Task<VmSnapshot> UpgradeConfigurationVersionAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await Act("UpgradeConfigurationVersion", id);
        return Get(id);
    }

    public Task DeleteAsync(Guid id, bool deleteDisks, CancellationToken cancellationToken = default)
    {
        Deleted.Add((id, deleteDisks));
        return Act("Delete", id);
    }
    public Task StartAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => Act("Start", id);
    public Task TurnOffAsync(Guid id, CancellationToken cancellationToken = default) => Act("TurnOff", id);
    public Task ShutDownAsync(Guid id, CancellationToken cancellationToken = default) => Act("ShutDown", id);
    public Task SaveAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) => Act("Save", id);
    public Task PauseAsync(Guid id, CancellationToken cancellationToken = default) => Act("Pause", id);
    public Task ResumeAsync(Guid id, CancellationToken cancellationToken = default) => Act("Resume", id);
    public Task ResetAsync(Guid id, CancellationToken cancellationToken = default) => Act("Reset", id);

    public Task<byte[]> ScreenshotPngAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Array.Empty<byte>());

    /// <summary>The VNC socket each VM reports (none unless a test sets one).</summary>
    public Dictionary<Guid, string> VncSockets { get; } = [];

    public string? GetVncSocket(Guid id)
    {
        Get(id);
        return VncSockets.GetValueOrDefault(id);
    }

    private Task Act(string name, Guid id)
    {
        Get(id);
        Record($"{name} {id}");
        return Task.CompletedTask;
    }

    private void Record(string call)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            Calls.Add(call);
        }
    }
}
