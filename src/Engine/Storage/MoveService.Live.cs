using System.Globalization;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Storage;

/// <summary>
/// A Running or Paused VM keeps running: frozen files are copied (or linked) and rebased first,
/// without the VM's gate; then each disk's top layer (and the UEFI variables) is mirrored by QEMU
/// onto a new file whose backing is the copied parent; when every mirror is ready the gate is taken,
/// each job completes (QEMU pivots: the guest pauses only for the last writes), the runtime files
/// follow, and the definition switches. Old files are removed after the switch.
/// </summary>
public sealed partial class StorageMoveService
{
    private static readonly TimeSpan GateRetry = TimeSpan.FromMilliseconds(100);
    private const int GateAttempts = 100;

    private async Task MoveLiveAsync(Guid vmId, MovePreparation prepared, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        var layout = prepared.Layout;
        var view = _vms.ViewForMove(vmId);
        var qmp = view.Qmp ?? throw new VmStateException($"VM '{view.Definition.Name}' has no QEMU process any more; start the move again.", view.State);
        var work = new MoveWork(_logger);
        var mirror = new MoveMirror(qmp, _time);
        var jobs = new List<(string Job, MoveFile File)>();
        try
        {
            var frozen = layout.Moving.Where(f => f.Kind is MoveFileKind.FrozenDisk or MoveFileKind.CheckpointState).ToList();
            var copy = new MoveProgress(progress, frozen.Sum(f => prepared.Sizes.GetValueOrDefault(f.From)), 0, 20, "Copying checkpoint files");
            foreach (var file in frozen)
            {
                await PlaceAsync(work, prepared, file, copy, cancellationToken).ConfigureAwait(false);
            }

            WriteMovedRecords(work, layout);
            foreach (var step in prepared.Disks.Where(s => s.File.Kind == MoveFileKind.ActiveDisk && s.File.Moves))
            {
                jobs.Add((await StartDiskMirrorAsync(work, mirror, step, layout, cancellationToken).ConfigureAwait(false), step.File));
            }

            // The UEFI variables last: if a pivot fails, the disks switched before it are recorded and the rest stays put.
            foreach (var vars in layout.Moving.Where(f => f.Kind == MoveFileKind.FirmwareVars))
            {
                work.EnsureFolder(Path.GetDirectoryName(vars.To)!);
                work.Made(vars.To);
                File.Copy(vars.From, vars.To);
                var node = await mirror.NodeOfAsync(vars.From, cancellationToken).ConfigureAwait(false);
                jobs.Add((await mirror.StartAsync(node, vars.To, "raw", topOnly: false, cancellationToken).ConfigureAwait(false), vars));
            }

            var mirroring = new MoveProgress(progress, 0, 20, 90, "Mirroring the disks");
            await mirror.WaitReadyAsync(mirroring.Report, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync(mirror, work).ConfigureAwait(false);
            throw;
        }

        for (var attempt = 1; ; attempt++)
        {
            var entered = false;
            try
            {
                await _vms.RunMoveSwitchAsync(vmId, Activity, progress, async session =>
                {
                    entered = true;
                    await SwitchLiveAsync(session, prepared, mirror, work, jobs).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
                break;
            }
            catch (VmStateException) when (!entered && attempt < GateAttempts)
            {
                // Another short operation (a screenshot) holds the gate: the mirrors stay in step meanwhile.
                await Task.Delay(GateRetry, _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch when (!entered)
            {
                await AbandonAsync(mirror, work).ConfigureAwait(false);
                throw;
            }
        }

        RemoveOld(layout);
    }

    private async Task<string> StartDiskMirrorAsync(MoveWork work, MoveMirror mirror, MoveDiskStep step, MoveLayout layout, CancellationToken cancellationToken)
    {
        var file = step.File;
        var parent = MoveChains.NewParent(step, layout.Map);
        var size = step.Facts.VirtualBytes.ToString(CultureInfo.InvariantCulture);
        work.EnsureFolder(Path.GetDirectoryName(file.To)!);
        work.Made(file.To);
        IReadOnlyList<string> create = parent is null
            ? ["create", "-q", "-f", "qcow2", file.To, size]
            : ["create", "-q", "-f", "qcow2", "-b", parent, "-F", step.Facts.BackingFormat ?? "qcow2", file.To, size];
        await _qemuImg.RunAsync(create, null, cancellationToken).ConfigureAwait(false);
        var node = await mirror.NodeOfAsync(file.From, cancellationToken).ConfigureAwait(false);
        return await mirror.StartAsync(node, file.To, "qcow2", topOnly: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task SwitchLiveAsync(MoveSession session, MovePreparation prepared, MoveMirror mirror, MoveWork work, List<(string Job, MoveFile File)> jobs)
    {
        var layout = prepared.Layout;
        try
        {
            EnsureUnchanged(session, prepared, VmState.Running, VmState.Paused);
            if (session.ProcessId != prepared.ProcessId)
            {
                throw new VmStateException($"VM '{session.Definition.Name}' was restarted during the move; its files were left where they were.");
            }
        }
        catch
        {
            await AbandonAsync(mirror, work).ConfigureAwait(false);
            throw;
        }

        session.Progress.Report(new OperationProgress(92, "Switching to the new files"));
        var switched = new List<MoveFile>();
        try
        {
            foreach (var (job, file) in jobs)
            {
                await mirror.CompleteAsync(job).ConfigureAwait(false);
                switched.Add(file);
            }
        }
        catch (Exception e) when (e is VmOperationException or QmpException)
        {
            if (switched.Count == 0)
            {
                await AbandonAsync(mirror, work).ConfigureAwait(false);
                throw;
            }

            // Some disks run on their new files now: the definition must say so. Nothing is removed.
            await AbandonMirrorsAsync(mirror).ConfigureAwait(false);
            var moved = switched.ToDictionary(f => f.From, f => f.To);
            session.SwitchDefinition(layout.Before with
            {
                Drives = [.. layout.Before.Drives.Select(d => d.Path is { } p && moved.TryGetValue(p, out var n) ? d with { Path = n } : d)],
            });
            throw new VmOperationException(
                $"The move of VM '{layout.Before.Name}' stopped half-way ({e.Message}): {string.Join(", ", switched.Select(f => Path.GetFileName(f.To)))} now run(s) from the new folder, the rest from the old one; no file was removed.", e);
        }

        // QEMU writes the logs through open files: a link keeps it writing into the moved file; across file systems the log so far is copied.
        foreach (var file in layout.Moving.Where(f => f.Kind == MoveFileKind.RuntimeFile))
        {
            await work.LinkOrCopyAsync(file.From, file.To, _ => { }, CancellationToken.None).ConfigureAwait(false);
        }

        session.Progress.Report(new OperationProgress(95, "Switching the configuration"));
        SwitchRecordsAndDefinition(session, layout);
    }

    /// <summary>Cancels the mirrors (QEMU stays on the old files) and removes what the move made.</summary>
    private async Task AbandonAsync(MoveMirror mirror, MoveWork work)
    {
        await AbandonMirrorsAsync(mirror).ConfigureAwait(false);
        work.Rollback();
    }

    private async Task AbandonMirrorsAsync(MoveMirror mirror)
    {
        try
        {
            await mirror.CancelAllAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is QmpException or QmpConnectionClosedException or VmOperationException or IOException or ObjectDisposedException)
        {
            _logger.LogWarning(e, "Could not cancel QEMU's copy jobs of a storage move");
        }
    }
}
