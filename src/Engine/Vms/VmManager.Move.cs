using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Vms;

/// <summary>What the storage move sees of a VM without holding its gate (the long copy and mirror phase).</summary>
/// <param name="Definition">The VM's definition now.</param>
/// <param name="State">Its state now.</param>
/// <param name="Qmp">The QMP connection of its QEMU process, or null when it has none.</param>
/// <param name="ProcessId">The QEMU process, or null.</param>
public sealed record MoveView(VmDefinition Definition, VmState State, QmpClient? Qmp, int? ProcessId);

/// <summary>
/// What a storage move may do while it holds the VM's gate (see <see cref="VmManager.RunMoveSwitchAsync"/>):
/// the switch to the new files and the new configuration place.
/// </summary>
public sealed class MoveSession
{
    private readonly VmManager _manager;
    private readonly VmEntry _entry;

    internal MoveSession(VmManager manager, VmEntry entry, IProgress<OperationProgress> progress)
    {
        _manager = manager;
        _entry = entry;
        Progress = progress;
    }

    public VmDefinition Definition => _entry.Definition;

    public VmState State => _entry.State;

    public IProgress<OperationProgress> Progress { get; }

    public QmpClient? Qmp => _entry.Runtime?.Qmp;

    public int? ProcessId => _entry.Runtime?.ProcessId;

    /// <summary>
    /// Makes <paramref name="moved"/> the VM's definition. When its configuration file moves, the new
    /// file is written first, then registered, and only then is the old one unregistered (a crash in
    /// between leaves a registered, readable configuration). The old file is not removed here.
    /// </summary>
    public void SwitchDefinition(VmDefinition moved) => _manager.SwitchDefinitionForMove(_entry, moved);
}

/// <summary>Hooks for the storage move service (src/Engine/Storage).</summary>
public sealed partial class VmManager
{
    /// <summary>The VM as it is now, without its gate (QMP may be used; state changes are refused by the job's per-VM lock).</summary>
    public MoveView ViewForMove(Guid id)
    {
        var entry = Find(id);
        lock (entry.Sync)
        {
            return new MoveView(entry.Definition, entry.State, entry.Runtime?.Qmp, entry.Runtime?.ProcessId);
        }
    }

    /// <summary>Runs the switch of a storage move with the VM's gate held; the VM may be in any state.</summary>
    public Task<T> RunMoveSwitchAsync<T>(Guid id, string activity, IProgress<OperationProgress>? progress, Func<MoveSession, Task<T>> action) =>
        RunExclusiveAsync(id, VmOperation.Screenshot, activity, entry => action(new MoveSession(this, entry, Track(entry, activity, progress))), checkState: false);

    internal void SwitchDefinitionForMove(VmEntry entry, VmDefinition moved)
    {
        var before = entry.Definition;
        if (moved.Id != before.Id)
        {
            throw new ArgumentException("A move keeps the VM's ID.", nameof(moved));
        }

        VmConfigStore.Save(moved);
        if (VmPaths.ConfigFile(moved) != VmPaths.ConfigFile(before))
        {
            _store.Register(moved);
            _store.Unregister(before);
        }

        lock (entry.Sync)
        {
            entry.Definition = moved;
        }

        Publish(moved.Id);
    }
}
