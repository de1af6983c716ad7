using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Storage;

/// <summary>An Off or Saved VM: copy (or link, within one file system), rebase, switch, remove.</summary>
public sealed partial class StorageMoveService
{
    private async Task MoveOfflineAsync(Guid vmId, MovePreparation prepared, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
        await _vms.RunMoveSwitchAsync(vmId, Activity, progress, async session =>
        {
            EnsureUnchanged(session, prepared, VmState.Off, VmState.Saved);
            var work = new MoveWork(_logger);
            var copy = new MoveProgress(session.Progress, prepared.Sizes.Values.Sum(), 0, 90, "Copying");
            try
            {
                foreach (var file in prepared.Layout.Moving.Where(f => f.Kind != MoveFileKind.CheckpointRecord))
                {
                    await PlaceAsync(work, prepared, file, copy, cancellationToken).ConfigureAwait(false);
                }

                WriteMovedRecords(work, prepared.Layout);
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch
            {
                work.Rollback();
                throw;
            }

            session.Progress.Report(new OperationProgress(92, "Switching to the new files"));
            SwitchRecordsAndDefinition(session, prepared.Layout);
            session.Progress.Report(new OperationProgress(95, "Removing the old files"));
            RemoveOld(prepared.Layout);
            return true;
        }).ConfigureAwait(false);

    /// <summary>Puts one file at its new place: linked when it can share the data, else copied; disks whose parent moves are rebased.</summary>
    private async Task PlaceAsync(MoveWork work, MovePreparation prepared, MoveFile file, MoveProgress progress, CancellationToken cancellationToken)
    {
        var step = prepared.Disks.FirstOrDefault(s => s.File == file);
        progress.Step = $"Copying {Path.GetFileName(file.From)}";
        if (step is { RebaseOnto: { } parent })
        {
            await work.CopyAsync(file.From, file.To, progress.Add, cancellationToken).ConfigureAwait(false);
            await _qemuImg.RunAsync(QemuImgArguments.Rebase(file.To, parent, step.RebaseFormat ?? "qcow2"), null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await work.LinkOrCopyAsync(file.From, file.To, progress.Add, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checkpoint records that change folder are written (with the new paths) before the switch; they are new files.</summary>
    private static void WriteMovedRecords(MoveWork work, MoveLayout layout)
    {
        foreach (var checkpoint in layout.Checkpoints)
        {
            var to = CheckpointStore.File(layout.After, checkpoint.Id);
            if (to != CheckpointStore.File(layout.Before, checkpoint.Id))
            {
                work.EnsureFolder(Path.GetDirectoryName(to)!);
                work.Made(to);
                CheckpointStore.Save(layout.After, checkpoint);
            }
        }
    }

    /// <summary>
    /// The switch: records that stay in their folder are rewritten in place (atomically), then the
    /// definition (new configuration file written, registered, old one unregistered).
    /// </summary>
    private static void SwitchRecordsAndDefinition(MoveSession session, MoveLayout layout)
    {
        foreach (var checkpoint in layout.Checkpoints)
        {
            if (CheckpointStore.File(layout.After, checkpoint.Id) == CheckpointStore.File(layout.Before, checkpoint.Id))
            {
                CheckpointStore.Save(layout.After, checkpoint);
            }
        }

        session.SwitchDefinition(layout.After);
    }

    /// <summary>After the switch: the old files of what moved, then the old folders that are now empty (never anything else).</summary>
    private void RemoveOld(MoveLayout layout)
    {
        var (before, after) = (layout.Before, layout.After);
        var old = layout.Moving.Select(f => f.From).ToList();
        if (VmPaths.ConfigFile(before) != VmPaths.ConfigFile(after))
        {
            old.Add(VmPaths.ConfigFile(before));
        }

        foreach (var file in old)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(e, "Could not remove {File} after the move", file);
            }
        }

        var folders = old.Select(Path.GetDirectoryName).OfType<string>()
            .Append(VmPaths.RuntimeFolder(before)).Append(CheckpointStore.Folder(before)).Append(VmPaths.DisksFolder(before))
            .Append(Path.GetDirectoryName(VmPaths.ConfigFile(before))!);
        if (before.Folder != after.Folder)
        {
            folders = folders.Append(before.Folder);
        }

        // Deepest first, so a parent is emptied by its children's removal before it is looked at.
        foreach (var folder in folders.Distinct().OrderByDescending(f => f.Count(c => c == '/')))
        {
            if (folder.StartsWith(before.Folder + "/", StringComparison.Ordinal) || folder == before.Folder || old.Any(f => Path.GetDirectoryName(f) == folder))
            {
                RemoveEmptyTree(folder);
            }
        }
    }

    /// <summary>Removes <paramref name="folder"/> if it holds only empty folders.</summary>
    private static void RemoveEmptyTree(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            RemoveEmptyTree(child);
        }

        MoveWork.RemoveIfEmpty(folder);
    }

    private static void EnsureUnchanged(MoveSession session, MovePreparation prepared, params VmState[] states)
    {
        var now = session.Definition;
        var planned = prepared.Layout.Before;
        if (!states.Contains(session.State))
        {
            throw new VmStateException($"VM '{now.Name}' is {session.State} now; the move was planned for a {prepared.State} VM. Start the move again.", session.State);
        }

        if (now.Folder != planned.Folder || now.CheckpointFileLocation != planned.CheckpointFileLocation
            || !now.Drives.Select(d => d.Path).SequenceEqual(planned.Drives.Select(d => d.Path)))
        {
            throw new VmStateException($"The disks or folders of VM '{now.Name}' changed since the move was planned; start the move again.");
        }
    }
}
