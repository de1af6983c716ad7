using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The import: Register in place rewrites the located records with absolute paths (each original
/// kept in memory and written back if anything fails); Restore and Copy copy every file under a
/// ".partial" name, point each copied qcow2 at its copied parent, rename, write the records and
/// register. A failed or cancelled import removes what it wrote and registers nothing.
/// </summary>
public sealed partial class ImportService
{
    public async Task<VmSnapshot> ImportAsync(ImportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Report(new OperationProgress(0, "Checking the virtual machine's files"));
        var analysis = await AnalyzeAsync(request, cancellationToken).ConfigureAwait(false);
        if (!analysis.Report.CanImport)
        {
            throw new VmStateException(string.Join(" ", analysis.Report.FixUps.Where(f => !f.Resolved).Select(f => f.Message)));
        }

        return request.Type == ImportType.RegisterInPlace
            ? await RegisterInPlaceAsync(analysis, progress, cancellationToken).ConfigureAwait(false)
            : await CopyAsync(analysis, progress, cancellationToken).ConfigureAwait(false);
    }

    private ImportRewrite RewriteFor(Analysis analysis, IReadOnlyDictionary<string, string> copiedTo)
    {
        var source = analysis.Source;
        var byRecorded = analysis.Files.GroupBy(f => f.Recorded).ToDictionary(g => g.Key, g => g.First());
        string? PathOf(string recorded)
        {
            string found;
            if (byRecorded.TryGetValue(recorded, out var file))
            {
                if (file.Ejected)
                {
                    return null;
                }

                found = file.Found ?? ImportPaths.Resolve(recorded, source.VmFolder);
            }
            else
            {
                // A path only a checkpoint's settings copy names: found by the same rules when it can be.
                found = ImportPaths.Find(recorded, ImportFileKind.HardDisk, source.VmFolder, File.Exists) ?? ImportPaths.Resolve(recorded, source.VmFolder);
            }

            return copiedTo.TryGetValue(found, out var to) ? to : found;
        }

        var copy = analysis.Request.Type == ImportType.Copy;
        var adapterIds = copy
            ? source.Vm.NetworkAdapters.Select(a => a.Id)
                .Concat(source.Checkpoints.SelectMany(c => c.Settings.NetworkAdapters.Select(a => a.Id)))
                .Distinct().ToDictionary(a => a, _ => Guid.NewGuid())
            : [];
        return new ImportRewrite(analysis.Id, analysis.Layout, PathOf, adapterIds, analysis.Request.SwitchChoices, NewMacAddresses: copy);
    }

    private async Task<VmSnapshot> CopyAsync(Analysis analysis, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        var source = analysis.Source;
        var copiedTo = analysis.Copies.ToDictionary(c => c.From, c => c.To, StringComparer.Ordinal);
        var rewrite = RewriteFor(analysis, copiedTo);
        var vm = rewrite.Apply(source.Vm);
        var how = analysis.Request.Type == ImportType.Copy ? $"Copy of {source.Vm.Id:D}, new ID" : "Restore, same ID";
        var created = new List<string>();
        try
        {
            foreach (var folder in new[] { analysis.Layout.VmFolder, Path.GetDirectoryName(VmPaths.ConfigFile(vm))!, analysis.Layout.DisksFolder, analysis.Layout.CheckpointFolder }
                .Concat(analysis.Copies.Select(c => Path.GetDirectoryName(c.To)!)))
            {
                CreateFolder(folder, created);
            }

            var total = Math.Max(1, analysis.Copies.Sum(c => c.Bytes));
            var done = 0L;
            foreach (var copy in analysis.Copies)
            {
                var step = $"Copying '{Path.GetFileName(copy.From)}'";
                progress.Report(new OperationProgress(Percent(done, total), step));
                var partial = copy.To + ".partial";
                created.Add(partial);
                var before = done;
                if (copy.ConvertFrom is { } format)
                {
                    step = $"Converting '{Path.GetFileName(copy.From)}' to qcow2";
                    await disks.ConvertAsync(copy.From, format, partial, p => progress.Report(new OperationProgress(Percent(before + (copy.Bytes * p / 100), total), step)), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await copier.CopyAsync(copy.From, partial, bytes => progress.Report(new OperationProgress(Percent(before + Math.Min(bytes, copy.Bytes), total), step)), cancellationToken).ConfigureAwait(false);
                }

                done += copy.Bytes;
            }

            progress.Report(new OperationProgress(96, "Connecting the copied differencing disks to their copied parents"));
            foreach (var copy in analysis.Copies.Where(c => c.ConvertFrom is null))
            {
                if (analysis.Disks.TryGetValue(copy.From, out var disk) && disk.Format == "qcow2" && disk.Backing is { } backing)
                {
                    var parent = ParentOf(analysis, backing);
                    var parentCopy = analysis.Copies.FirstOrDefault(c => c.From == parent);
                    var parentFormat = parentCopy?.ConvertFrom is not null ? "qcow2" : disk.BackingFormat ?? FormatOf(analysis, parent);
                    await disks.RebaseAsync(copy.To + ".partial", parentCopy?.To ?? parent, parentFormat, cancellationToken).ConfigureAwait(false);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var copy in analysis.Copies)
            {
                File.Move(copy.To + ".partial", copy.To);
                created.Add(copy.To);
            }

            progress.Report(new OperationProgress(98, "Writing the configuration and checkpoints"));
            foreach (var checkpoint in source.Checkpoints)
            {
                var imported = rewrite.Apply(checkpoint);
                created.Add(CheckpointStore.File(vm, imported.Id));
                CheckpointStore.Save(vm, imported);
            }

            created.Add(VmPaths.ConfigFile(vm));
            VmConfigStore.Save(vm);
            var snapshot = await vms.RegisterImportedAsync(vm, how).ConfigureAwait(false);
            progress.Report(new OperationProgress(100, "Imported"));
            return snapshot;
        }
        catch (Exception e)
        {
            RemoveCreated(created);
            throw await FailedAsync(vm, e).ConfigureAwait(false);
        }
    }

    private async Task<VmSnapshot> RegisterInPlaceAsync(Analysis analysis, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        var source = analysis.Source;
        var rewrite = RewriteFor(analysis, new Dictionary<string, string>());
        var vm = rewrite.Apply(source.Vm);
        var originals = new List<(string File, byte[]? Content)>();
        var rebased = new List<(string File, string Backing, string? Format)>();
        try
        {
            // A parent found somewhere else than the disk records (moved, or located): the disk is pointed at it.
            foreach (var (file, disk) in analysis.Disks)
            {
                if (disk.Format == "qcow2" && disk.Backing is { } backing && ParentOf(analysis, backing) is var parent && parent != backing)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Report(new OperationProgress(30, $"Connecting '{Path.GetFileName(file)}' to '{parent}'"));
                    await disks.RebaseAsync(file, parent, disk.BackingFormat ?? FormatOf(analysis, parent), cancellationToken).ConfigureAwait(false);
                    rebased.Add((file, disk.BackingRecorded ?? backing, disk.BackingFormat));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            progress.Report(new OperationProgress(60, "Writing the configuration and checkpoints with absolute paths"));
            foreach (var checkpoint in source.Checkpoints)
            {
                var file = CheckpointStore.File(vm, checkpoint.Id);
                originals.Add((file, File.Exists(file) ? await File.ReadAllBytesAsync(file, CancellationToken.None).ConfigureAwait(false) : null));
                CheckpointStore.Save(vm, rewrite.Apply(checkpoint));
            }

            var config = VmPaths.ConfigFile(vm);
            originals.Add((config, await File.ReadAllBytesAsync(config, CancellationToken.None).ConfigureAwait(false)));
            VmConfigStore.Save(vm);
            var snapshot = await vms.RegisterImportedAsync(vm, "Register in place").ConfigureAwait(false);
            progress.Report(new OperationProgress(100, "Registered"));
            return snapshot;
        }
        catch (Exception e)
        {
            await UndoInPlaceAsync(originals, rebased).ConfigureAwait(false);
            throw await FailedAsync(vm, e).ConfigureAwait(false);
        }
    }

    /// <summary>Where a disk's parent was found (a location given, or by name in "Virtual Hard Disks"); the recorded one otherwise.</summary>
    private static string ParentOf(Analysis analysis, string backing) =>
        analysis.Files.FirstOrDefault(f => f.Recorded == backing && f.Kind == ImportFileKind.BackingFile)?.Found ?? backing;

    private static string? FormatOf(Analysis analysis, string file) => analysis.Disks.TryGetValue(file, out var disk) ? disk.Format : null;

    private static int Percent(long done, long total) => (int)Math.Clamp(95.0 * done / total, 0, 95);

    private async Task UndoInPlaceAsync(List<(string File, byte[]? Content)> originals, List<(string File, string Backing, string? Format)> rebased)
    {
        foreach (var (file, content) in Enumerable.Reverse(originals))
        {
            try
            {
                if (content is null)
                {
                    File.Delete(file);
                }
                else if (!File.Exists(file) || !(await File.ReadAllBytesAsync(file, CancellationToken.None).ConfigureAwait(false)).AsSpan().SequenceEqual(content))
                {
                    var restore = file + ".restore";
                    await File.WriteAllBytesAsync(restore, content, CancellationToken.None).ConfigureAwait(false);
                    File.Move(restore, file, overwrite: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Could not put back {File} after a failed import", file);
            }
        }

        foreach (var (file, backing, format) in Enumerable.Reverse(rebased))
        {
            try
            {
                await disks.RebaseAsync(file, backing, format, CancellationToken.None).ConfigureAwait(false);
            }
            catch (VmOperationException e)
            {
                logger.LogError(e, "Could not point {File} back at {Backing} after a failed import", file, backing);
            }
        }
    }

    private async Task<Exception> FailedAsync(VmDefinition vm, Exception e)
    {
        var cancelled = e is OperationCanceledException;
        await vms.JournalImportAsync(vm, cancelled
            ? $"Importing VM '{vm.Name}' was cancelled; nothing was registered and what it had written was removed."
            : $"Importing VM '{vm.Name}' failed: {e.Message}. Nothing was registered and what it had written was removed.", error: !cancelled).ConfigureAwait(false);
        return e is OperationCanceledException or VmStateException or VmValidationException or VmOperationException
            ? e
            : new VmOperationException($"Importing VM '{vm.Name}' failed: {e.Message}", e);
    }

    /// <summary>Creates a folder and any missing parents, recording each one created (to remove it if the import fails).</summary>
    private static void CreateFolder(string folder, List<string> created)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(folder); !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var dir))
        {
            Directory.CreateDirectory(dir);
            created.Add(dir);
        }
    }

    /// <summary>Removes what a failed import made, newest first: its files, then the folders it created (when empty).</summary>
    private void RemoveCreated(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (File.Exists(created[i]))
                {
                    File.Delete(created[i]);
                }
                else if (Directory.Exists(created[i]) && !Directory.EnumerateFileSystemEntries(created[i]).Any())
                {
                    Directory.Delete(created[i]);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not remove {Path} after a failed import", created[i]);
            }
        }
    }
}
