using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Vms;

/// <summary>
/// What a checkpoint operation may do to a VM while it holds the VM's gate (see
/// <see cref="VmManager.RunCheckpointOperationAsync{T}"/>): read and replace the definition, talk QMP,
/// write the memory state while paused, turn the VM off, mark it Saved or Off.
/// </summary>
public sealed class CheckpointSession
{
    private readonly VmManager _manager;
    private readonly VmEntry _entry;

    internal CheckpointSession(VmManager manager, VmEntry entry, IProgress<OperationProgress> progress)
    {
        _manager = manager;
        _entry = entry;
        Progress = progress;
    }

    public VmDefinition Definition => _entry.Definition;

    public VmState State => _entry.State;

    /// <summary>Progress shown in the Status column and passed to the job.</summary>
    public IProgress<OperationProgress> Progress { get; }

    /// <summary>The QMP connection of a VM that has a QEMU process; null when Off or Saved.</summary>
    public QmpClient? Qmp => _entry.Runtime?.Qmp;

    /// <summary>The guest agent's socket, or null when the VM has no QEMU process.</summary>
    public string? GuestAgentSocket => _entry.Runtime is { } r ? VmPaths.GuestAgentSocket(r.SocketFolder) : null;

    public void SaveDefinition(VmDefinition updated) => _manager.SaveDefinitionForCheckpoint(_entry, updated);

    /// <summary>Writes memory and device state of the paused VM to <paramref name="file"/>; the VM stays paused (resume with <c>cont</c>).</summary>
    public Task WriteStateAsync(string file, CancellationToken cancellationToken) => _manager.WriteStateWhilePausedAsync(_entry, file, Progress, cancellationToken);

    public Task TurnOffAsync() => _manager.TurnOffForCheckpointAsync(_entry);

    /// <summary>QMP <c>stop</c>, with the state applied at once (not only when the STOP event arrives).</summary>
    public Task PauseAsync() => _manager.PauseForCheckpointAsync(_entry, pause: true);

    /// <summary>QMP <c>cont</c>, with the state applied at once (so the caller sees Running when this returns).</summary>
    public Task ContinueAsync() => _manager.PauseForCheckpointAsync(_entry, pause: false);

    /// <summary>The VM is Off or Saved: make its saved state the given file (copied), or none.</summary>
    public void SetSavedState(string? stateFile) => _manager.SetSavedStateForCheckpoint(_entry, stateFile);
}

/// <summary>Hooks for the checkpoint service (src/Engine/Checkpoints).</summary>
public sealed partial class VmManager
{
    /// <summary>Runs a checkpoint operation with the VM's gate held; the VM may be in any state.</summary>
    public Task<T> RunCheckpointOperationAsync<T>(Guid id, string activity, IProgress<OperationProgress>? progress, Func<CheckpointSession, Task<T>> action) =>
        RunExclusiveAsync(id, VmOperation.Screenshot, activity, entry => action(new CheckpointSession(this, entry, Track(entry, activity, progress))), checkState: false);

    internal void SaveDefinitionForCheckpoint(VmEntry entry, VmDefinition updated) => SaveDefinition(entry, updated);

    internal async Task WriteStateWhilePausedAsync(VmEntry entry, string file, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        var runtime = RuntimeOf(entry);
        var partial = file + ".partial";
        var link = StateLink(runtime);
        File.Delete(partial);
        File.Delete(link);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.CreateSymbolicLink(link, partial);
        try
        {
            await runtime.Qmp.ExecuteAsync("migrate", new { uri = "exec:cat > " + link }, cancellationToken).ConfigureAwait(false);
            await WaitForMigrationAsync(runtime, "writing the checkpoint's memory state", info => ReportStateProgress(info, progress), cancellationToken).ConfigureAwait(false);
            File.Move(partial, file, overwrite: true);
        }
        catch
        {
            await CancelMigrationAsync(runtime).ConfigureAwait(false);
            File.Delete(partial);
            throw;
        }
        finally
        {
            File.Delete(link);
        }
    }

    private static void ReportStateProgress(JsonElement info, IProgress<OperationProgress> progress)
    {
        if (info.TryGetProperty("ram", out var ram) && ram.TryGetProperty("total", out var total) && ram.TryGetProperty("transferred", out var transferred) && total.GetInt64() > 0)
        {
            var share = Math.Min(1.0, transferred.GetInt64() / (double)total.GetInt64());
            progress.Report(new OperationProgress(20 + (int)(share * 70), "Writing memory and device state"));
        }
    }

    internal async Task TurnOffForCheckpointAsync(VmEntry entry)
    {
        if (entry.Runtime is not { } runtime)
        {
            return;
        }

        runtime.ExpectedExitReason = $"VM '{entry.Definition.Name}' was turned off to apply a checkpoint.";
        await EndProcessAsync(runtime).ConfigureAwait(false);
        await runtime.Exited.Task.WaitAsync(ExitTimeout, _time, CancellationToken.None).ConfigureAwait(false);
    }

    internal async Task PauseForCheckpointAsync(VmEntry entry, bool pause)
    {
        await RuntimeOf(entry).Qmp.ExecuteAsync(pause ? "stop" : "cont", null, CancellationToken.None).ConfigureAwait(false);
        Apply(entry, pause ? VmSignal.QmpStop : VmSignal.QmpResume);
    }

    internal void SetSavedStateForCheckpoint(VmEntry entry, string? stateFile)
    {
        var target = VmPaths.SavedStateFile(entry.Definition);
        if (stateFile is null)
        {
            File.Delete(target);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            File.Copy(stateFile, partial, overwrite: true);
            File.Move(partial, target, overwrite: true);
        }

        lock (entry.Sync)
        {
            entry.State = stateFile is null ? VmState.Off : VmState.Saved;
        }

        Publish(entry.Definition.Id);
    }
}
