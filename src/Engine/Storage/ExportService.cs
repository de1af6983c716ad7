using System.Text.Json;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Export Virtual Machine (see docs/storage.md): writes <c>&lt;destination&gt;/&lt;VM name&gt;/</c> in the
/// export folder format while the VM's gate is held (so nothing else changes its files meanwhile).
/// A running or paused VM keeps running: its disks are taken at one point in time by QEMU backup
/// jobs (with the guest's file systems frozen by its agent around that instant when it can be had); frozen checkpoint files and the disks of an Off or Saved VM are copied with qemu-img. A
/// failed or cancelled export removes the folder it created; the source VM is never changed.
/// </summary>
public sealed class ExportService(VmManager vms, IOptions<EngineOptions> options, VmEventJournal journal, TimeProvider time) : IExportService
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Marks an export under way (removed when the configuration, the last file, is written).</summary>
    public const string IncompleteMarker = "EXPORT-INCOMPLETE.txt";
    private readonly QemuImgRunner _qemuImg = new(options.Value);
    private readonly string _qemuImgBinary = options.Value.QemuImgBinary;

    /// <summary>Bytes per second for QEMU's backup jobs (0 = unlimited): tests slow a live export down to write into the guest while it runs.</summary>
    internal long BackupSpeedLimit { get; set; }

    public IReadOnlyDictionary<string, string[]> CheckExport(Guid vmId, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vm = vms.Get(vmId).Definition;
        return ExportChecks.Check(vm, request, id => File.Exists(CheckpointStore.File(vm, id)));
    }

    public async Task ValidateExportAsync(Guid vmId, ExportRequest request, CancellationToken cancellationToken)
    {
        var snapshot = vms.Get(vmId);
        var (plan, _) = await PrepareAsync(snapshot.Definition, snapshot.State, request, cancellationToken).ConfigureAwait(false);
        RefuseWithoutSpace(request.DestinationFolder, plan);
    }

    public async Task<ExportResult> ExportAsync(Guid vmId, ExportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = vms.Get(vmId);
        var result = await vms.RunCheckpointOperationAsync(vmId, "Exporting", progress, s => ExportCoreAsync(s, request, cancellationToken)).ConfigureAwait(false);
        return result;
    }

    private async Task<(ExportPlan Plan, IReadOnlyDictionary<string, DiskLayer> Layers)> PrepareAsync(VmDefinition vm, VmState state, ExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checkpoints = CheckpointStore.LoadAll(vm);
        var errors = ExportChecks.Check(vm, request, id => checkpoints.Any(c => c.Id == id));
        if (errors.Count > 0)
        {
            if (errors.Count == 1 && errors.TryGetValue(ExportChecks.CheckpointField, out _) && request.CheckpointId is { } missing)
            {
                throw new CheckpointNotFoundException(vm.Id, missing);
            }

            throw new VmValidationException(errors);
        }

        if (state is not (VmState.Running or VmState.Paused or VmState.Saved or VmState.Off))
        {
            throw new VmStateException($"VM '{vm.Name}' is {state}; it can be exported when it is Running, Paused, Saved or Off.", state);
        }

        var roots = request.CheckpointId is { } cid
            ? checkpoints.First(c => c.Id == cid).Disks.Select(d => d.Path)
            : vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!).Concat(checkpoints.SelectMany(c => c.Disks.Select(d => d.Path)));
        var layers = new Dictionary<string, DiskLayer>(StringComparer.Ordinal);
        foreach (var root in roots.Distinct(StringComparer.Ordinal))
        {
            if (!layers.ContainsKey(root))
            {
                await ReadChainAsync(root, layers, cancellationToken).ConfigureAwait(false);
            }
        }

        var saved = VmPaths.SavedStateFile(vm);
        var vars = VmPaths.FirmwareVarsFile(vm);
        var plan = ExportPlanner.Plan(vm, state, checkpoints, layers, request, File.Exists(saved) ? saved : null, File.Exists(vars) ? vars : null, f => new FileInfo(f).Length);
        return (plan, layers);
    }

    /// <summary>Every file of a disk's chain, from <c>qemu-img info --backing-chain</c> (-U: a running VM holds the top).</summary>
    private async Task ReadChainAsync(string root, Dictionary<string, DiskLayer> layers, CancellationToken cancellationToken)
    {
        if (!File.Exists(root))
        {
            throw new VmStateException($"The disk '{root}' is missing; the VM cannot be exported until it is found or removed from the VM's settings.");
        }

        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(_qemuImgBinary, ["info", "--backing-chain", "--output=json", "-U", root], InfoTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException($"qemu-img is not installed: '{_qemuImgBinary}' was not found.", e);
        }

        if (result.ExitCode != 0)
        {
            throw new VmOperationException($"The disk '{root}' could not be read: {result.StandardError.Trim()}");
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        foreach (var image in json.RootElement.EnumerateArray())
        {
            var file = Path.GetFullPath(image.GetProperty("filename").GetString()!);
            var backing = image.TryGetProperty("full-backing-filename", out var b) && b.GetString() is { Length: > 0 } full ? Path.GetFullPath(full) : null;
            layers.TryAdd(file, new DiskLayer(file, image.GetProperty("format").GetString() ?? "raw", backing,
                image.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0, image.GetProperty("virtual-size").GetInt64()));
        }
    }

    private static void RefuseWithoutSpace(string destination, ExportPlan plan)
    {
        var existing = Path.GetFullPath(destination);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (plan.TotalBytes > free)
        {
            throw new VmStateException(
                $"Not enough free space in '{existing}' for the export: {Megabytes(plan.TotalBytes)} MB needed (the disks' allocated sizes and state files), {Megabytes(free)} MB free.");
        }
    }

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);

    private async Task<ExportResult> ExportCoreAsync(CheckpointSession s, ExportRequest request, CancellationToken cancellationToken)
    {
        var vm = s.Definition;
        var live = s.State is VmState.Running or VmState.Paused && request.CheckpointId is null;
        var (plan, _) = await PrepareAsync(vm, s.State, request, cancellationToken).ConfigureAwait(false);
        RefuseWithoutSpace(request.DestinationFolder, plan);

        var destination = Path.GetFullPath(request.DestinationFolder);
        var createdDestination = !Directory.Exists(destination);
        var root = Path.Combine(destination, plan.FolderName);
        Directory.CreateDirectory(destination);
        // CreateDirectory succeeds on an existing folder: this refuses to write into one that appeared since the check.
        Directory.CreateDirectory(root);
        if (Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new VmStateException($"'{destination}' already holds a folder named '{plan.FolderName}'; choose another folder.");
        }

        var meter = new ExportMeter(plan.TotalBytes, s.Progress);
        meter.Report(0, 0, "Preparing the export");
        ExportBackups? backups = null;
        string? consistency = null;
        try
        {
            // A crash of the console mid-way leaves this file beside the partial export (a cancel or failure removes the whole folder).
            await File.WriteAllTextAsync(Path.Combine(root, IncompleteMarker),
                $"HvWeb was exporting VM '{vm.Name}' ({vm.Id:D}) here and did not finish. This folder is not a complete export: remove it and export again.{Environment.NewLine}",
                cancellationToken).ConfigureAwait(false);
            foreach (var folder in new[] { VmPaths.ConfigFolderName, $"{VmPaths.ConfigFolderName}/{vm.Id:D}", VmPaths.DisksFolderName, VmPaths.SnapshotsFolderName })
            {
                Directory.CreateDirectory(Path.Combine(root, folder));
            }

            var inUse = plan.Disks.Where(d => d.InUse).ToList();
            var staging = new Dictionary<ExportDiskStep, string>();
            if (live && inUse.Count > 0)
            {
                // The point in time: every disk QEMU writes to, at once.
                var targets = new List<(string, string, string, bool, long, string)>();
                foreach (var step in inUse)
                {
                    var flatten = step.Kind == ExportCopyKind.Flatten;
                    var target = flatten ? Full(root, step.Target) + ".partial.qcow2" : Full(root, step.Target);
                    var format = flatten ? "qcow2" : step.TargetFormat;
                    staging[step] = target;
                    await CreateEmptyAsync(target, format, step.Source.VirtualBytes, cancellationToken).ConfigureAwait(false);
                    targets.Add((step.Source.Path, target, format, !flatten && step.Source.Backing is not null, step.Bytes, Path.GetFileName(step.Source.Path)));
                }

                backups = new ExportBackups(s.Qmp!, time) { SpeedLimit = BackupSpeedLimit };
                await backups.AddTargetsAsync(targets, cancellationToken).ConfigureAwait(false);
                var (frozen, why) = await TakePointInTimeAsync(s, backups, meter, cancellationToken).ConfigureAwait(false);
                consistency = frozen is { } n ? $"the guest's file systems were frozen ({n})" : $"crash-consistent: {why}";
                meter.Report(0, 0, $"Took the point in time of the disks: {consistency}");
                var message = $"Export of VM '{vm.Name}' to '{root}' took its point in time of the disks ({consistency}); the VM keeps {(s.State == VmState.Paused ? "its state" : "running")}.";
                await (frozen is null ? journal.WarningAsync(vm, message) : journal.InfoAsync(vm, message)).ConfigureAwait(false);
                await backups.WaitAsync(meter, cancellationToken).ConfigureAwait(false);
                await backups.CleanUpAsync().ConfigureAwait(false);
                backups = null;
            }

            foreach (var step in plan.Disks)
            {
                var target = Full(root, step.Target);
                var label = $"Copying {Path.GetFileName(step.Source.Path)}";
                switch (step.Kind)
                {
                    case ExportCopyKind.Backup:
                        // Written by QEMU above (counted there).
                        break;
                    case ExportCopyKind.Copy:
                        await RunQemuImgAsync(CopyArguments(step, target), step.Bytes, label, meter, cancellationToken).ConfigureAwait(false);
                        meter.Done(step.Bytes);
                        break;
                    case ExportCopyKind.Flatten:
                        var from = staging.TryGetValue(step, out var partial) ? partial : step.Source.Path;
                        var format = staging.ContainsKey(step) ? "qcow2" : step.Source.Format;
                        await RunQemuImgAsync(["convert", "-p", "-f", format, "-O", "vhdx", "-o", "subformat=dynamic", from, target], step.Bytes, $"Writing {Path.GetFileName(target)}", meter, cancellationToken).ConfigureAwait(false);
                        if (partial is not null)
                        {
                            File.Delete(partial);
                        }

                        meter.Done(step.Bytes);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown export step {step.Kind}.");
                }
            }

            // The backup targets get their backing file names now that the parents exist.
            foreach (var step in plan.Disks.Where(d => d.Kind == ExportCopyKind.Backup && d.BackingTarget is not null))
            {
                await RunQemuImgAsync(["rebase", "-u", "-f", "qcow2", "-F", step.BackingFormat!, "-b", step.BackingTarget!, Full(root, step.Target)], 0, "Linking the differencing disks", meter, cancellationToken).ConfigureAwait(false);
            }

            foreach (var file in plan.Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                meter.Report(file.Bytes, 0, $"Copying {Path.GetFileName(file.Source)}");
                await CopyFileAsync(file.Source, Full(root, file.Target), cancellationToken).ConfigureAwait(false);
                meter.Done(file.Bytes);
            }

            foreach (var checkpoint in plan.Checkpoints)
            {
                WriteJson(Path.Combine(root, VmPaths.SnapshotsFolderName, $"{checkpoint.Id:D}.json"), checkpoint);
            }

            // The configuration last: an export without it is not one Import would find.
            var configFile = Path.Combine(root, VmPaths.ConfigFolderName, $"{vm.Id:D}.json");
            WriteJson(configFile, plan.Config);
            File.Delete(Path.Combine(root, IncompleteMarker));
            var bytes = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            meter.Finished();
            await journal.InfoAsync(vm, $"VM '{vm.Name}' was exported to '{root}'{(consistency is null ? "" : $" ({consistency})")}.").ConfigureAwait(false);
            return new ExportResult(root, configFile, bytes);
        }
        catch (Exception e)
        {
            if (backups is not null)
            {
                await backups.CleanUpAsync().ConfigureAwait(false);
            }

            RemoveQuietly(root);
            if (createdDestination && Directory.Exists(destination) && !Directory.EnumerateFileSystemEntries(destination).Any())
            {
                Directory.Delete(destination);
            }

            var what = e is OperationCanceledException ? "was cancelled" : $"failed ({e.Message})";
            await journal.WarningAsync(vm, $"Export of VM '{vm.Name}' to '{root}' {what}; the partial export was removed and the VM is unchanged.").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The point in time of a live export: application-consistent when the VM runs, its Backup
    /// integration service is on and the guest agent answers (freeze, the backup transaction, thaw:
    /// the transaction only sets up the copy-before-write jobs, so the guest is frozen briefly; the
    /// thaw happens even when the transaction fails or is cancelled), else crash-consistent as a
    /// power cut would leave the disks. Returns how many file systems were frozen, or why none was.
    /// </summary>
    private static async Task<(int? Frozen, string? Why)> TakePointInTimeAsync(CheckpointSession s, ExportBackups backups, ExportMeter meter, CancellationToken cancellationToken)
    {
        var why = s.State == VmState.Paused
            ? "the VM is paused (its guest agent cannot freeze the file systems)"
            : await GuestFreeze.ProblemAsync(s.Definition, s.GuestAgentSocket, cancellationToken).ConfigureAwait(false);
        int? frozen = null;
        if (why is null)
        {
            meter.Report(0, 0, "Freezing the guest's file systems (guest agent)");
            try
            {
                frozen = await GuestFreeze.FreezeAsync(s.GuestAgentSocket!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (GuestFreeze.IsAgentFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                why = $"the guest agent could not freeze the file systems ({e.Message})";
            }
        }

        meter.Report(0, 0, "Taking the point in time of the disks");
        try
        {
            await backups.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (frozen is not null)
            {
                meter.Report(0, 0, "Thawing the guest's file systems (guest agent)");
                await GuestFreeze.ThawAsync(s.GuestAgentSocket!).ConfigureAwait(false);
            }
        }

        return (frozen, why);
    }

    /// <summary>A file nobody writes: its own layer only, onto the exported parent (relative name), or a standalone copy of a base disk.</summary>
    private static List<string> CopyArguments(ExportDiskStep step, string target)
    {
        var source = step.Source;
        if (source.Backing is not null)
        {
            return ["convert", "-p", "-U", "-f", source.Format, "-O", step.TargetFormat, "-B", step.BackingTarget!, "-F", step.BackingFormat!, source.Path, target];
        }

        List<string> arguments = ["convert", "-p", "-U", "-f", source.Format, "-O", step.TargetFormat];
        if (step.TargetFormat == "vpc")
        {
            arguments.AddRange(["-o", "force_size=on"]);
        }

        arguments.AddRange([source.Path, target]);
        return arguments;
    }

    private async Task CreateEmptyAsync(string target, string format, long virtualBytes, CancellationToken cancellationToken)
    {
        List<string> arguments = ["create", "-q", "-f", format];
        if (format == "vpc")
        {
            arguments.AddRange(["-o", "force_size=on"]);
        }

        arguments.AddRange([target, virtualBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await _qemuImg.RunAsync(arguments, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunQemuImgAsync(IReadOnlyList<string> arguments, long stepBytes, string label, ExportMeter meter, CancellationToken cancellationToken)
    {
        meter.Report(stepBytes, 0, label);
        await _qemuImg.RunAsync(arguments, p => meter.Report(stepBytes, p / 100.0, label), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyFileAsync(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, useAsync: true);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await input.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteJson<T>(string file, T value)
    {
        var temporary = file + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, VmJson.Options));
        File.Move(temporary, file);
    }

    private static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static void RemoveQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Reported by the caller's exception; a leftover is named after the VM and can be removed by hand.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
