using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;

namespace HvWeb.Jobs.Checkpoints;

/// <summary>
/// Makes checkpoint jobs (kinds "checkpoint", "apply-checkpoint", "revert", "delete-checkpoint"):
/// take, apply, revert and delete (a merge) can outlast a click. An unknown VM or checkpoint is
/// refused when made; a cancelled take or apply leaves the VM as it was, a cancelled merge a valid chain.
/// </summary>
/// <remarks><c>await jobs.EnqueueAsync(checkpointJobs.Take(vmId, name), user)</c></remarks>
public sealed class CheckpointJobs(IVmManager vms, ICheckpointService checkpoints)
{
    public EngineOperationJob Take(Guid vmId, string? name)
    {
        var vm = vms.Get(vmId);
        if (!vm.Definition.CheckpointsEnabled)
        {
            throw new Engine.Errors.VmStateException($"Checkpoints are disabled for '{vm.Name}'. Turn them on in Settings > Checkpoints.", vm.State);
        }

        return new EngineOperationJob("checkpoint", $"Create checkpoint of VM '{vm.Name}'", new JobWording("Creating checkpoint", "being checkpointed", "checkpoint"), vm.Id, vm.Name,
            (p, ct) => checkpoints.TakeAsync(vmId, name, p, ct), _ => Task.CompletedTask);
    }

    public EngineOperationJob Apply(Guid vmId, Guid checkpointId, bool takeCheckpointFirst)
    {
        var vm = vms.Get(vmId);
        var checkpoint = checkpoints.GetTree(vmId).Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId);
        return new EngineOperationJob("apply-checkpoint", $"Apply checkpoint '{checkpoint.Name}' to VM '{vm.Name}'", new JobWording("Applying checkpoint", "having a checkpoint applied", "apply"), vm.Id, vm.Name,
            (p, ct) => checkpoints.ApplyAsync(vmId, checkpointId, takeCheckpointFirst, p, ct), _ => Task.CompletedTask);
    }

    public EngineOperationJob Revert(Guid vmId)
    {
        var vm = vms.Get(vmId);
        if (checkpoints.GetTree(vmId).NowParentId is null)
        {
            throw new Engine.Errors.VmStateException($"VM '{vm.Name}' has no checkpoint to revert to.", vm.State);
        }

        return new EngineOperationJob("revert", $"Revert VM '{vm.Name}'", new JobWording("Reverting", "being reverted", "revert"), vm.Id, vm.Name,
            (p, ct) => checkpoints.RevertAsync(vmId, p, ct), _ => Task.CompletedTask);
    }

    public EngineOperationJob Delete(Guid vmId, Guid checkpointId, bool subtree)
    {
        var vm = vms.Get(vmId);
        var checkpoint = checkpoints.GetTree(vmId).Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId);
        var what = subtree ? "checkpoint subtree" : "checkpoint";
        return new EngineOperationJob("delete-checkpoint", $"Delete {what} '{checkpoint.Name}' of VM '{vm.Name}'", new JobWording("Merging", "being merged", "merge"), vm.Id, vm.Name,
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
