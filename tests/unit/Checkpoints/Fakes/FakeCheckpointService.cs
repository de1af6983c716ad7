using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Checkpoints.Fakes;

/// <summary>An in-memory checkpoint service for page tests (the real one is tested on QEMU in tests/e2e/Checkpoints).</summary>
public sealed class FakeCheckpointService : ICheckpointService
{
    private readonly Dictionary<Guid, List<Checkpoint>> _checkpoints = [];
    private readonly Dictionary<Guid, Guid?> _now = [];

    public event Action<Guid>? Changed;

    public void With(Guid vmId, Guid? nowParent, params Checkpoint[] checkpoints)
    {
        _checkpoints[vmId] = [.. checkpoints];
        _now[vmId] = nowParent;
        Changed?.Invoke(vmId);
    }

    public CheckpointTree GetTree(Guid vmId) => new(_checkpoints.GetValueOrDefault(vmId) ?? [], _now.GetValueOrDefault(vmId));

    public Task<Checkpoint> TakeAsync(Guid vmId, string? name, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake does not take checkpoints.");

    public Task ApplyAsync(Guid vmId, Guid checkpointId, bool takeCheckpointFirst, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake does not apply checkpoints.");

    public Task RevertAsync(Guid vmId, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake does not revert.");

    public Task<Checkpoint> RenameAsync(Guid vmId, Guid checkpointId, string name, CancellationToken cancellationToken = default)
    {
        var list = _checkpoints[vmId];
        var index = list.FindIndex(c => c.Id == checkpointId);
        list[index] = list[index] with { Name = name };
        Changed?.Invoke(vmId);
        return Task.FromResult(list[index]);
    }

    public Task<DeletePreview> PreviewDeleteAsync(Guid vmId, Guid checkpointId, bool subtree, CancellationToken cancellationToken = default) =>
        Task.FromResult(new DeletePreview(1, 0, long.MaxValue, null));

    public Task DeleteAsync(Guid vmId, Guid checkpointId, bool subtree, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake does not delete checkpoints.");
}
