using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Checkpoints;

/// <summary>What deleting a checkpoint (or its subtree) will cost, shown before the user confirms.</summary>
public sealed record DeletePreview(int Checkpoints, long BytesToMerge, long FreeBytes, string? Refusal);

/// <summary>
/// Hyper-V's checkpoints of a VM: take, the tree, apply, revert, rename, delete (a merge) and delete
/// subtree. Long operations take an <see cref="IProgress{T}"/> and run under the VM's gate (jobs wrap them).
/// </summary>
public interface ICheckpointService
{
    /// <summary>Raised with the VM's ID after its checkpoints (or "Now") changed.</summary>
    event Action<Guid>? Changed;

    /// <exception cref="Errors.VmNotFoundException">unknown VM.</exception>
    CheckpointTree GetTree(Guid vmId);

    Task<Checkpoint> TakeAsync(Guid vmId, string? name, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <param name="takeCheckpointFirst">Hyper-V's "Take Checkpoint and Apply": keep "Now" as a new checkpoint first.</param>
    Task ApplyAsync(Guid vmId, Guid checkpointId, bool takeCheckpointFirst, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Applies the checkpoint "Now" runs from, discarding what changed since.</summary>
    Task RevertAsync(Guid vmId, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);

    Task<Checkpoint> RenameAsync(Guid vmId, Guid checkpointId, string name, CancellationToken cancellationToken = default);

    Task<DeletePreview> PreviewDeleteAsync(Guid vmId, Guid checkpointId, bool subtree, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid vmId, Guid checkpointId, bool subtree, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>The VM has no checkpoint with this ID.</summary>
public sealed class CheckpointNotFoundException(Guid vmId, Guid checkpointId)
    : Exception($"VM {vmId} has no checkpoint {checkpointId}.")
{
    public Guid VmId { get; } = vmId;
    public Guid CheckpointId { get; } = checkpointId;
}
