using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>
/// A job that runs one engine operation on an existing VM. Made from the VM's current snapshot
/// (so an unknown VM is refused at once with <see cref="VmNotFoundException"/>); validated again
/// before it is queued against <see cref="VmStateRules"/> (<see cref="VmStateException"/>).
/// </summary>
public abstract class VmOperationJob : IJob
{
    protected VmOperationJob(IVmManager vms, Guid vmId)
    {
        ArgumentNullException.ThrowIfNull(vms);
        Vms = vms;
        var vm = vms.Get(vmId);
        VmId = vm.Id;
        VmName = vm.Name;
        StateWhenMade = vm.State;
    }

    public abstract string Kind { get; }

    public abstract string Description { get; }

    public abstract JobWording Wording { get; }

    public Guid? VmId { get; }

    public string? VmName { get; }

    /// <summary>The engine honours the token and leaves the VM as it was (running, off or saved).</summary>
    public bool CanCancel => true;

    protected IVmManager Vms { get; }

    /// <summary>The VM's state when the job was made (for its description).</summary>
    protected VmState StateWhenMade { get; }

    /// <summary>The operation as <see cref="VmStateRules"/> knows it.</summary>
    protected abstract VmOperation Operation { get; }

    public Task ValidateAsync(CancellationToken cancellationToken)
    {
        var vm = Vms.Get(VmId!.Value);
        if (VmStateRules.Refusal(vm.Name, vm.State, Operation) is { } refusal)
        {
            throw new VmStateException(refusal, vm.State);
        }

        return Task.CompletedTask;
    }

    public Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken) =>
        RunAsync(VmId!.Value, new VmJobProgress(progress), cancellationToken);

    protected abstract Task RunAsync(Guid vmId, IProgress<OperationProgress> progress, CancellationToken cancellationToken);
}
