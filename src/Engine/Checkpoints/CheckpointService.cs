using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Checkpoints;

/// <summary>
/// Checkpoints on QEMU (see docs/checkpoints.md). Crash safety: new files are written first and
/// the VM's definition is switched last; a merge leaves a chain QEMU can open at every step.
/// </summary>
public sealed class CheckpointService(VmManager vms, IOptions<EngineOptions> options, VmEventJournal journal, TimeProvider time) : ICheckpointService
{
    private static readonly TimeSpan QemuImgTimeout = TimeSpan.FromHours(12);
    private static readonly TimeSpan JobPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _records = new();
    private readonly string _qemuImg = options.Value.QemuImgBinary;

    public event Action<Guid>? Changed;

    public CheckpointTree GetTree(Guid vmId)
    {
        var vm = vms.Get(vmId).Definition;
        return new CheckpointTree(CheckpointStore.LoadAll(vm), vm.ParentCheckpointId);
    }

    public async Task<Checkpoint> TakeAsync(Guid vmId, string? name, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (name is not null && CheckpointNames.Problem(name) is { } problem)
        {
            throw VmValidationException.For("name", problem);
        }

        var checkpoint = await vms.RunCheckpointOperationAsync(vmId, "Creating checkpoint", progress, s => TakeCoreAsync(s, name, cancellationToken)).ConfigureAwait(false);
        Changed?.Invoke(vmId);
        return checkpoint;
    }

    private async Task<Checkpoint> TakeCoreAsync(CheckpointSession s, string? name, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        if (!vm.CheckpointsEnabled)
        {
            throw new VmStateException($"Checkpoints are disabled for '{vm.Name}'. Turn them on in Settings > Checkpoints.", s.State);
        }

        var state = s.State;
        if (state is not (VmState.Off or VmState.Saved or VmState.Running or VmState.Paused))
        {
            throw new VmStateException($"VM '{vm.Name}' is {state}; a checkpoint can be taken when it is Running, Paused, Saved or Off.", state);
        }

        var id = Guid.NewGuid();
        var (kind, fallback) = await ChooseKindAsync(s, cancellationToken).ConfigureAwait(false);
        var plan = CheckpointPlanner.Take(vm, id);
        var now = time.GetUtcNow();
        var stateFile = CheckpointStore.StateFile(vm, id);
        var withMemory = kind == CheckpointKind.Standard && state is not VmState.Off;
        RefuseWithoutSpace(CheckpointStore.Folder(vm), withMemory ? vm.MemoryStartupMb * 1024L * 1024L : 0, $"checkpoint of '{vm.Name}'");

        var updated = vm with
        {
            ParentCheckpointId = id,
            Drives = [.. vm.Drives.Select(d => plan.FirstOrDefault(p => p.Drive == d) is { Overlay: { } o } ? d with { Path = o } : d)],
        };
        var checkpoint = new Checkpoint
        {
            Id = id,
            VmId = vm.Id,
            Name = name ?? CheckpointNames.Default(vm.Name, TimeZoneInfo.ConvertTime(now, time.LocalTimeZone)),
            Type = kind,
            CreatedUtc = now,
            ParentId = vm.ParentCheckpointId,
            Settings = vm,
            Disks = [.. plan.Select(p => new CheckpointDisk { Controller = p.Drive.Controller, ControllerNumber = p.Drive.ControllerNumber, Location = p.Drive.Location, Path = p.Frozen })],
            SavedStateFile = withMemory ? stateFile : null,
        };

        if (fallback is not null)
        {
            s.Progress.Report(new OperationProgress(0, $"Taking a Standard checkpoint instead of a Production checkpoint: {fallback}"));
            await journal.WarningAsync(vm, $"A Production checkpoint of VM '{vm.Name}' could not be created: {fallback}. A Standard checkpoint was taken instead.").ConfigureAwait(false);
        }

        s.Progress.Report(new OperationProgress(0, "Creating differencing disks"));
        int? frozenCount = null;
        if (s.Qmp is { } qmp)
        {
            frozenCount = await TakeLiveAsync(s, qmp, kind, plan, updated, withMemory ? stateFile : null, id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var created = new List<string>();
            try
            {
                foreach (var (_, frozen, overlay) in plan)
                {
                    await CreateOverlayAsync(frozen, overlay, cancellationToken).ConfigureAwait(false);
                    created.Add(overlay);
                }

                if (withMemory)
                {
                    s.Progress.Report(new OperationProgress(40, "Copying the saved state"));
                    Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
                    File.Copy(VmPaths.SavedStateFile(vm), stateFile + ".partial", overwrite: true);
                    File.Move(stateFile + ".partial", stateFile, overwrite: true);
                }
            }
            catch
            {
                created.ForEach(File.Delete);
                File.Delete(stateFile + ".partial");
                throw;
            }

            // The switch: from here the VM writes to the new differencing disks.
            s.SaveDefinition(updated);
        }

        lock (_records)
        {
            CheckpointStore.Save(vm, checkpoint);
        }

        s.Progress.Report(new OperationProgress(100, "Checkpoint created"));
        var frozenText = frozenCount is { } n ? $" The guest agent froze the guest's file systems ({n}) while the disks were snapshotted." : "";
        await journal.InfoAsync(vm, $"Checkpoint '{checkpoint.Name}' ({kind}) of VM '{vm.Name}' was created.{frozenText}").ConfigureAwait(false);
        return checkpoint;
    }

    /// <summary>
    /// Standard, or Production with the fallback rule: Production needs the Backup integration
    /// service and the guest agent to freeze the file systems of a running VM; when it cannot be
    /// had, Production falls back to Standard (with the reason) and Production only is refused.
    /// </summary>
    private static async Task<(CheckpointKind Kind, string? Fallback)> ChooseKindAsync(CheckpointSession s, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        if (vm.CheckpointType == CheckpointType.Standard)
        {
            return (CheckpointKind.Standard, null);
        }

        var why = s.State switch
        {
            VmState.Off => null,
            VmState.Saved => "the VM is saved (its memory would be lost)",
            VmState.Paused => "the VM is paused (its guest agent cannot freeze the file systems)",
            _ => await GuestFreeze.ProblemAsync(vm, s.GuestAgentSocket, cancellationToken).ConfigureAwait(false),
        };
        if (why is null)
        {
            return (CheckpointKind.Production, null);
        }

        if (vm.CheckpointType == CheckpointType.ProductionOnly)
        {
            throw new VmStateException($"Production checkpoints cannot be created for '{vm.Name}': {why}.", s.State);
        }

        return (CheckpointKind.Standard, why);
    }

    /// <summary>
    /// The checkpoint of a VM with a QEMU process. Production: freeze the guest's file systems
    /// (guest agent), pause, snapshot every disk, resume, thaw (the agent answers only while the
    /// guest runs). Standard: pause, snapshot, write memory and device state, resume. Returns how
    /// many file systems the agent froze (Production), else null.
    /// </summary>
    private static async Task<int?> TakeLiveAsync(CheckpointSession s, QmpClient qmp, CheckpointKind kind, IReadOnlyList<(DriveDefinition Drive, string Frozen, string Overlay)> plan,
        VmDefinition updated, string? stateFile, Guid id, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        var wasRunning = s.State == VmState.Running;
        var paused = false;
        var frozen = false;
        int? frozenCount = null;
        if (kind == CheckpointKind.Production && wasRunning)
        {
            s.Progress.Report(new OperationProgress(2, "Freezing the guest's file systems (guest agent)"));
            frozenCount = await GuestFreeze.FreezeAsync(s.GuestAgentSocket!, cancellationToken).ConfigureAwait(false);
            frozen = true;
            s.Progress.Report(new OperationProgress(4, $"The guest agent froze {frozenCount} file system(s)"));
        }

        try
        {
            if (wasRunning)
            {
                s.Progress.Report(new OperationProgress(5, "Pausing the VM"));
                await s.PauseAsync().ConfigureAwait(false);
                paused = true;
            }

            var blocks = await qmp.ExecuteAsync("query-block", null, CancellationToken.None).ConfigureAwait(false);
            var done = new List<DriveDefinition>();
            try
            {
                foreach (var (drive, _, overlay) in plan)
                {
                    var top = TopNode(blocks, drive) ?? throw new VmOperationException($"QEMU has no disk on {DriveNames.Device(drive)} of VM '{vm.Name}'.");
                    await qmp.ExecuteAsync("blockdev-snapshot-sync", new Dictionary<string, object>
                    {
                        ["node-name"] = top,
                        ["snapshot-file"] = overlay,
                        ["snapshot-node-name"] = $"ck-{id.ToString("N")[..12]}-{DriveNames.Device(drive)}",
                        ["format"] = "qcow2",
                    }, CancellationToken.None).ConfigureAwait(false);
                    done.Add(drive);
                }
            }
            finally
            {
                if (done.Count > 0)
                {
                    // QEMU writes to the new files from now on: the definition must say so, even after a partial failure.
                    s.SaveDefinition(done.Count == plan.Count ? updated : vm with
                    {
                        Drives = [.. vm.Drives.Select(d => done.Contains(d) ? d with { Path = plan.First(p => p.Drive == d).Overlay } : d)],
                    });
                }
            }

            if (stateFile is not null)
            {
                s.Progress.Report(new OperationProgress(20, "Writing memory and device state"));
                await s.WriteStateAsync(stateFile, cancellationToken).ConfigureAwait(false);
                if (!wasRunning)
                {
                    // The migration inactivated the disks; only `cont` takes them back. A paused VM
                    // runs for a moment and is paused again, so later disk operations work.
                    await s.ContinueAsync().ConfigureAwait(false);
                    await s.PauseAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            try
            {
                if (paused)
                {
                    await s.ContinueAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (frozen)
                {
                    s.Progress.Report(new OperationProgress(95, "Thawing the guest's file systems (guest agent)"));
                    await GuestFreeze.ThawAsync(s.GuestAgentSocket!).ConfigureAwait(false);
                }
            }
        }

        return frozenCount;
    }

    /// <summary>The node a drive's device reads (the top of its chain), from <c>query-block</c>.</summary>
    private static string? TopNode(JsonElement blocks, DriveDefinition drive)
    {
        var device = DriveNames.Device(drive);
        foreach (var block in blocks.EnumerateArray())
        {
            var qdev = block.TryGetProperty("qdev", out var q) ? q.GetString() ?? "" : "";
            if ((qdev == device || qdev.EndsWith("/" + device, StringComparison.Ordinal) || qdev.Contains("/" + device + "/", StringComparison.Ordinal))
                && block.TryGetProperty("inserted", out var inserted) && inserted.TryGetProperty("node-name", out var node))
            {
                return node.GetString();
            }
        }

        return null;
    }

    public async Task ApplyAsync(Guid vmId, Guid checkpointId, bool takeCheckpointFirst, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RefuseInterruptedMerge(GetTree(vmId).Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId));

        if (takeCheckpointFirst)
        {
            await TakeAsync(vmId, null, progress, cancellationToken).ConfigureAwait(false);
        }

        await vms.RunCheckpointOperationAsync(vmId, "Applying checkpoint", progress, s => ApplyCoreAsync(s, checkpointId, cancellationToken)).ConfigureAwait(false);
        Changed?.Invoke(vmId);
    }

    /// <summary>A checkpoint whose merge was interrupted holds partly merged files: it is no longer the point in time it was.</summary>
    private static void RefuseInterruptedMerge(Checkpoint checkpoint)
    {
        if (checkpoint.MergeStartedUtc is not null)
        {
            throw new VmStateException($"Checkpoint '{checkpoint.Name}' cannot be applied: it was being deleted when the merge was interrupted, so its disks are partly merged. Delete it again to finish the merge.");
        }
    }

    public async Task RevertAsync(Guid vmId, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var vm = vms.Get(vmId).Definition;
        var tree = GetTree(vmId);
        if (tree.NowParentId is not { } parent)
        {
            throw new VmStateException($"VM '{vm.Name}' has no checkpoint to revert to.");
        }

        await ApplyAsync(vmId, parent, takeCheckpointFirst: false, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ApplyCoreAsync(CheckpointSession s, Guid checkpointId, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        var all = CheckpointStore.LoadAll(vm);
        var checkpoint = all.FirstOrDefault(c => c.Id == checkpointId) ?? throw new CheckpointNotFoundException(vm.Id, checkpointId);
        if (s.State is not (VmState.Off or VmState.Saved or VmState.Running or VmState.Paused))
        {
            throw new VmStateException($"VM '{vm.Name}' is {s.State}; wait for it to finish before applying a checkpoint.", s.State);
        }

        RefuseInterruptedMerge(checkpoint);
        foreach (var disk in checkpoint.Disks.Where(d => !File.Exists(d.Path)))
        {
            throw new VmOperationException($"Checkpoint '{checkpoint.Name}' cannot be applied: its disk '{disk.Path}' is missing.");
        }

        var memory = checkpoint.Type == CheckpointKind.Standard && checkpoint.SavedStateFile is { } f && File.Exists(f) ? f : null;
        if (s.Qmp is not null)
        {
            s.Progress.Report(new OperationProgress(5, "Turning off the VM"));
            await s.TurnOffAsync().ConfigureAwait(false);
        }

        var (definition, overlays, discard) = CheckpointPlanner.Apply(s.Definition, checkpoint, all, Guid.NewGuid());
        s.Progress.Report(new OperationProgress(30, "Creating differencing disks"));
        var created = new List<string>();
        try
        {
            foreach (var (frozen, overlay) in overlays)
            {
                await CreateOverlayAsync(frozen, overlay, cancellationToken).ConfigureAwait(false);
                created.Add(overlay);
            }
        }
        catch
        {
            created.ForEach(File.Delete);
            throw;
        }

        s.Progress.Report(new OperationProgress(60, memory is null ? "Restoring the settings" : "Restoring the saved state"));
        s.SaveDefinition(definition);
        s.SetSavedState(memory);
        foreach (var file in discard)
        {
            File.Delete(file);
        }

        s.Progress.Report(new OperationProgress(100, "Checkpoint applied"));
        await journal.InfoAsync(vm, $"Checkpoint '{checkpoint.Name}' was applied to VM '{vm.Name}'.").ConfigureAwait(false);
        return true;
    }

    public async Task<Checkpoint> RenameAsync(Guid vmId, Guid checkpointId, string name, CancellationToken cancellationToken = default)
    {
        if (CheckpointNames.Problem(name) is { } problem)
        {
            throw VmValidationException.For("name", problem);
        }

        var vm = vms.Get(vmId).Definition;
        Checkpoint renamed;
        lock (_records)
        {
            var checkpoint = CheckpointStore.LoadAll(vm).FirstOrDefault(c => c.Id == checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId);
            renamed = checkpoint with { Name = name.Trim() };
            CheckpointStore.Save(vm, renamed);
        }

        Changed?.Invoke(vmId);
        await journal.InfoAsync(vm, $"A checkpoint of VM '{vm.Name}' was renamed to '{renamed.Name}'.").ConfigureAwait(false);
        return renamed;
    }

    public async Task<DeletePreview> PreviewDeleteAsync(Guid vmId, Guid checkpointId, bool subtree, CancellationToken cancellationToken = default)
    {
        var snapshot = vms.Get(vmId);
        var tree = GetTree(vmId);
        if (tree.Find(checkpointId) is null)
        {
            throw new CheckpointNotFoundException(vmId, checkpointId);
        }

        var targets = subtree ? tree.SubtreeBottomUp(checkpointId) : [tree.Get(checkpointId)];
        var running = snapshot.State is VmState.Running or VmState.Paused;
        var plan = CheckpointPlanner.Delete(tree, checkpointId, NowDisks(snapshot.Definition), running);
        var bytes = 0L;
        foreach (var commit in plan.Steps.OfType<CommitStep>())
        {
            bytes += await AllocatedBytesAsync(commit.Top, cancellationToken).ConfigureAwait(false);
        }

        var folder = Path.GetDirectoryName((tree.Get(checkpointId).Disks is { Count: > 0 } ds ? ds[0].Path : null) ?? CheckpointStore.Folder(snapshot.Definition))!;
        var free = FreeBytes(folder);
        var refusal = snapshot.State is VmState.Starting or VmState.Saving or VmState.Stopping or VmState.Resetting
            ? $"VM '{snapshot.Name}' is {snapshot.State}; wait for it to finish."
            : bytes > free ? $"Not enough free space in '{folder}' to merge: {bytes / (1024 * 1024)} MB needed, {free / (1024 * 1024)} MB free." : null;
        return new DeletePreview(targets.Count, bytes, free, refusal);
    }

    public async Task DeleteAsync(Guid vmId, Guid checkpointId, bool subtree, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewDeleteAsync(vmId, checkpointId, subtree, cancellationToken).ConfigureAwait(false);
        if (preview.Refusal is { } refusal)
        {
            throw new VmStateException(refusal);
        }

        try
        {
            await vms.RunCheckpointOperationAsync(vmId, subtree ? "Deleting checkpoint subtree" : "Merging", progress, async s =>
            {
                var tree = new CheckpointTree(CheckpointStore.LoadAll(s.Definition), s.Definition.ParentCheckpointId);
                var targets = subtree ? tree.SubtreeBottomUp(checkpointId) : [tree.Find(checkpointId) ?? throw new CheckpointNotFoundException(vmId, checkpointId)];
                for (var i = 0; i < targets.Count; i++)
                {
                    var share = (100 * i / targets.Count, 100 * (i + 1) / targets.Count);
                    await DeleteOneAsync(s, targets[i].Id, share, cancellationToken).ConfigureAwait(false);
                    Changed?.Invoke(vmId);
                }

                s.Progress.Report(new OperationProgress(100, "Merged"));
                return true;
            }).ConfigureAwait(false);
        }
        finally
        {
            Changed?.Invoke(vmId);
        }
    }

    private async Task DeleteOneAsync(CheckpointSession s, Guid checkpointId, (int From, int To) share, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        var tree = new CheckpointTree(CheckpointStore.LoadAll(vm), vm.ParentCheckpointId);
        var running = s.Qmp is not null;
        var plan = CheckpointPlanner.Delete(tree, checkpointId, NowDisks(vm), running);
        var x = plan.Checkpoint;
        var commits = plan.Steps.OfType<CommitStep>().Count();
        if (x.MergeStartedUtc is not null && !running)
        {
            // A merge of this checkpoint was interrupted (a crash): check the chain before merging again.
            s.Progress.Report(new OperationProgress(share.From, "Checking the disks of an interrupted merge"));
            foreach (var file in plan.Steps.OfType<CommitStep>().SelectMany(c => new[] { c.Base, c.Top }).Distinct())
            {
                await CheckDiskAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (commits > 0)
        {
            // Written before the first file changes: after a crash the checkpoint says its files are partly merged.
            lock (_records)
            {
                CheckpointStore.Save(vm, x with { MergeStartedUtc = time.GetUtcNow() });
            }
        }

        var done = 0;
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case CommitStep commit:
                    var from = share.From + ((share.To - share.From) * done / Math.Max(1, commits));
                    var to = share.From + ((share.To - share.From) * (done + 1) / Math.Max(1, commits));
                    s.Progress.Report(new OperationProgress(from, $"Merging {Path.GetFileName(commit.Top)}"));
                    if (commit.Live)
                    {
                        await CommitLiveAsync(s, commit, from, to, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await RunQemuImgAsync(["commit", "-f", "qcow2", "-b", commit.Base, commit.Top], cancellationToken).ConfigureAwait(false);
                    }

                    done++;
                    break;
                case RebaseStep rebase:
                    var format = await FormatAsync(rebase.NewBacking, cancellationToken).ConfigureAwait(false);
                    await RunQemuImgAsync(["rebase", "-u", "-f", "qcow2", "-F", format, "-b", rebase.NewBacking, rebase.File], cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }

        // The files are merged: now the records (children first, then the VM, then the checkpoint itself).
        lock (_records)
        {
            foreach (var child in tree.ChildrenOf(x.Id))
            {
                CheckpointStore.Save(vm, child with
                {
                    ParentId = x.ParentId,
                    Disks = [.. child.Disks.Select(d => plan.Redirects.TryGetValue(d.Path, out var to) ? d with { Path = to } : d)],
                });
            }
        }

        var updated = vm with
        {
            ParentCheckpointId = vm.ParentCheckpointId == x.Id ? x.ParentId : vm.ParentCheckpointId,
            Drives = [.. vm.Drives.Select(d => d.Path is { } p && plan.Redirects.TryGetValue(p, out var to) ? d with { Path = to } : d)],
        };
        if (updated != vm)
        {
            s.SaveDefinition(updated);
        }

        lock (_records)
        {
            CheckpointStore.Delete(vm, x.Id);
        }

        if (x.SavedStateFile is { } state)
        {
            File.Delete(state);
        }

        foreach (var remove in plan.Steps.OfType<RemoveStep>())
        {
            File.Delete(remove.File);
        }

        await journal.InfoAsync(vm, $"Checkpoint '{x.Name}' of VM '{vm.Name}' was deleted{(commits > 0 ? " (merged)" : "")}.").ConfigureAwait(false);
    }

    /// <summary>QMP <c>block-commit</c> of <see cref="CommitStep.Top"/> into its base while the VM runs, with the job's progress.</summary>
    private async Task CommitLiveAsync(CheckpointSession s, CommitStep commit, int from, int to, CancellationToken cancellationToken)
    {
        var qmp = s.Qmp!;
        var nodes = await qmp.ExecuteAsync("query-named-block-nodes", null, cancellationToken).ConfigureAwait(false);
        var top = NodeOf(nodes, commit.Top) ?? throw new VmOperationException($"QEMU does not have '{commit.Top}' open.");
        var @base = NodeOf(nodes, commit.Base) ?? throw new VmOperationException($"QEMU does not have '{commit.Base}' open.");
        var drive = s.Definition.Drives.First(d => d.Kind == DriveKind.HardDisk && d.Path is not null && IsInChain(nodes, d.Path, commit.Top));
        var active = NodeOf(nodes, drive.Path!)!;
        var jobId = "merge-" + Guid.NewGuid().ToString("N")[..12];
        var arguments = new Dictionary<string, object> { ["job-id"] = jobId, ["device"] = active, ["base-node"] = @base, ["auto-dismiss"] = false };
        if (!commit.TopIsActive)
        {
            arguments["top-node"] = top;
        }

        await qmp.ExecuteAsync("block-commit", arguments, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
                var job = jobs.EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == jobId);
                if (job.ValueKind != JsonValueKind.Object)
                {
                    throw new VmOperationException("QEMU's merge job disappeared.");
                }

                var status = job.GetProperty("status").GetString();
                var total = job.GetProperty("total-progress").GetInt64();
                if (total > 0)
                {
                    s.Progress.Report(new OperationProgress(from + (int)((to - from) * Math.Min(1.0, job.GetProperty("current-progress").GetInt64() / (double)total)), $"Merging {Path.GetFileName(commit.Top)}"));
                }

                if (status == "ready")
                {
                    await qmp.ExecuteAsync("job-complete", new { id = jobId }, CancellationToken.None).ConfigureAwait(false);
                }
                else if (status == "concluded")
                {
                    if (job.TryGetProperty("error", out var error))
                    {
                        throw new VmOperationException($"QEMU could not merge '{commit.Top}': {error.GetString()}");
                    }

                    return;
                }

                cancellationToken.ThrowIfCancellationRequested();
                await Task.Delay(JobPollInterval, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await qmp.ExecuteAsync("job-cancel", new { id = jobId }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await WaitConcludedAndDismissAsync(qmp, jobId).ConfigureAwait(false);
        }
    }

    private async Task WaitConcludedAndDismissAsync(QmpClient qmp, string jobId)
    {
        for (var i = 0; i < 100; i++)
        {
            var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
            var job = jobs.EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == jobId);
            if (job.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (job.GetProperty("status").GetString() == "concluded")
            {
                await qmp.ExecuteAsync("job-dismiss", new { id = jobId }, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            await Task.Delay(JobPollInterval, time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string? NodeOf(JsonElement nodes, string file) =>
        nodes.EnumerateArray()
            .Where(n => n.GetProperty("drv").GetString() == "qcow2" && n.GetProperty("file").GetString() == file)
            .Select(n => n.GetProperty("node-name").GetString())
            .FirstOrDefault();

    /// <summary>True when <paramref name="file"/> lies in the backing chain of the active file <paramref name="active"/>.</summary>
    private static bool IsInChain(JsonElement nodes, string active, string file)
    {
        var node = nodes.EnumerateArray().FirstOrDefault(n => n.GetProperty("drv").GetString() == "qcow2" && n.GetProperty("file").GetString() == active);
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("image", out var image))
        {
            return false;
        }

        for (var current = image; ; current = current.GetProperty("backing-image"))
        {
            if (current.GetProperty("filename").GetString() == file)
            {
                return true;
            }

            if (!current.TryGetProperty("backing-image", out _))
            {
                return false;
            }
        }
    }

    private static List<NowDisk> NowDisks(VmDefinition vm) =>
        [.. vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => new NowDisk(d, d.Path!))];

    private async Task CreateOverlayAsync(string backing, string overlay, CancellationToken cancellationToken)
    {
        if (File.Exists(overlay))
        {
            throw new VmOperationException($"'{overlay}' already exists; HvWeb never replaces an existing disk.");
        }

        var format = await FormatAsync(backing, cancellationToken).ConfigureAwait(false);
        try
        {
            await RunQemuImgAsync(["create", "-q", "-f", "qcow2", "-b", backing, "-F", format, overlay], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(overlay);
            throw;
        }
    }

    /// <summary><c>qemu-img check</c>: refuses a disk with errors (leaked clusters, exit code 3, only waste space).</summary>
    private async Task CheckDiskAsync(string file, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(_qemuImg, ["check", "-f", "qcow2", file], QemuImgTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is not (0 or 3))
        {
            throw new VmOperationException($"The disk '{file}' of an interrupted merge is damaged; it is left as it is: {(result.StandardError + result.StandardOutput).Trim()}");
        }
    }

    private async Task<string> FormatAsync(string file, CancellationToken cancellationToken)
    {
        var result = await RunQemuImgAsync(["info", "--output=json", "-U", file], cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(result);
        return json.RootElement.GetProperty("format").GetString() ?? "qcow2";
    }

    private async Task<long> AllocatedBytesAsync(string file, CancellationToken cancellationToken)
    {
        var result = await RunQemuImgAsync(["info", "--output=json", "-U", file], cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(result);
        return json.RootElement.TryGetProperty("actual-size", out var a) ? a.GetInt64() : 0;
    }

    private async Task<string> RunQemuImgAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(_qemuImg, arguments, QemuImgTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException($"qemu-img is not installed: '{_qemuImg}' was not found.", e);
        }

        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            throw new VmOperationException(message.Length > 0 ? message : $"qemu-img {arguments[0]} failed with exit code {result.ExitCode}.");
        }

        return result.StandardOutput;
    }

    private static long FreeBytes(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        return new DriveInfo(existing).AvailableFreeSpace;
    }

    private static void RefuseWithoutSpace(string folder, long needed, string what)
    {
        var free = FreeBytes(folder);
        if (needed > free)
        {
            throw new VmStateException($"Not enough free space in '{folder}' for the {what}: {needed / (1024 * 1024)} MB needed, {free / (1024 * 1024)} MB free.");
        }
    }
}
