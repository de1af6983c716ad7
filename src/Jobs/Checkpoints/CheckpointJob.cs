using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;

namespace HvWeb.Jobs.Checkpoints;

/// <summary>
/// A checkpoint operation as a job (kinds "checkpoint", "apply-checkpoint", "revert",
/// "delete-checkpoint"): take, apply, revert and delete (a merge) can outlast a click.
/// Made with <see cref="CheckpointJobs"/>; an unknown VM or checkpoint is refused when made.
/// </summary>
public sealed class CheckpointJob : IJob
{
    private readonly Func<IProgress<OperationProgress>, CancellationToken, Task> _run;
    private readonly Func<CancellationToken, Task> _validate;

    internal CheckpointJob(string kind, string description, JobWording wording, Guid vmId, string vmName,
        Func<IProgress<OperationProgress>, CancellationToken, Task> run, Func<CancellationToken, Task> validate)
    {
        Kind = kind;
        Description = description;
        Wording = wording;
        VmId = vmId;
        VmName = vmName;
        _run = run;
        _validate = validate;
    }

    public string Kind { get; }

    public string Description { get; }

    public JobWording Wording { get; }

    public Guid? VmId { get; }

    public string? VmName { get; }

    /// <summary>A cancelled take or apply leaves the VM as it was; a cancelled merge leaves a valid chain.</summary>
    public bool CanCancel => true;

    public Task ValidateAsync(CancellationToken cancellationToken) => _validate(cancellationToken);

    public Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken) =>
        _run(new VmJobProgress(progress), cancellationToken);
}

/// <summary>Makes checkpoint jobs: <c>await jobs.EnqueueAsync(checkpointJobs.Take(vmId, name), user)</c>.</summary>
public sealed class CheckpointJobs(IVmManager vms, ICheckpointService checkpoints)
{
    public CheckpointJob Take(Guid vmId, string? name)
    {
        var vm = vms.Get(vmId);
        if (!vm.Definition.CheckpointsEnabled)
        {
            throw new Engine.Errors.VmStateException($"Checkpoints are disabled for '{vm.Name}'. Turn them on in Settings > Checkpoints.", vm.State);
        }

        return new CheckpointJob("checkpoint", $"Create checkpoint of VM '{vm.Name}'", new JobWording("Creating checkpoint", "being checkpointed", "checkpoint"), vm.Id, vm.Name,
            (p, ct) => checkpoints.TakeAsync(vmId, name, p, ct), _ => Task.CompletedTask);
    }

    public CheckpointJob Apply(Guid vmId, Guid checkpointId, bool takeCheckpointFirst)
    {
        var vm = vms.Get(vmId);
        var checkpoint = checkpoints.GetTree(vmId).Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId);
        return new CheckpointJob("apply-checkpoint", $"Apply checkpoint '{checkpoint.Name}' to VM '{vm.Name}'", new JobWording("Applying checkpoint", "having a checkpoint applied", "apply"), vm.Id, vm.Name,
            (p, ct) => checkpoints.ApplyAsync(vmId, checkpointId, takeCheckpointFirst, p, ct), _ => Task.CompletedTask);
    }

    public CheckpointJob Revert(Guid vmId)
    {
        var vm = vms.Get(vmId);
        if (checkpoints.GetTree(vmId).NowParentId is null)
        {
            throw new Engine.Errors.VmStateException($"VM '{vm.Name}' has no checkpoint to revert to.", vm.State);
        }

        return new CheckpointJob("revert", $"Revert VM '{vm.Name}'", new JobWording("Reverting", "being reverted", "revert"), vm.Id, vm.Name,
            (p, ct) => checkpoints.RevertAsync(vmId, p, ct), _ => Task.CompletedTask);
    }

    public CheckpointJob Delete(Guid vmId, Guid checkpointId, bool subtree)
    {
        var vm = vms.Get(vmId);
        var checkpoint = checkpoints.GetTree(vmId).Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId);
        var what = subtree ? "checkpoint subtree" : "checkpoint";
        return new CheckpointJob("delete-checkpoint", $"Delete {what} '{checkpoint.Name}' of VM '{vm.Name}'", new JobWording("Merging", "being merged", "merge"), vm.Id, vm.Name,
            (p, ct) => checkpoints.DeleteAsync(vmId, checkpointId, subtree, p, ct),
            async ct =>
            {
                var preview = await checkpoints.PreviewDeleteAsync(vmId, checkpointId, subtree, ct).ConfigureAwait(false);
                if (preview.Refusal is { } refusal)
                {
                    throw new Engine.Errors.VmStateException(refusal, vm.State);
                }
            });
    }
}
