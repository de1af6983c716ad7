using System.Globalization;
using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Disks;

/// <inheritdoc cref="IDiskService"/>
public sealed class DiskService : IDiskService
{
    internal const string PartialSuffix = ".partial";
    private readonly IVmManager _vms;
    private readonly QemuImgRunner _qemuImg;
    private readonly TimeProvider _time;

    public DiskService(IVmManager vms, EngineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _vms = vms;
        _qemuImg = new QemuImgRunner(options);
        _time = time;
    }

    // ---------------------------------------------------------------- checks

    public IReadOnlyDictionary<string, string[]> CheckCreate(NewDiskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>();
        CheckNewPath(errors, "path", request.Path, request.Format);

        if (request.Type == VirtualDiskType.Differencing)
        {
            if (request.Format != DiskFormat.Qcow2)
            {
                Add(errors, "type", "QEMU cannot write VHDX or VHD differencing disks; choose qcow2 for a differencing disk (its parent can be a VHDX or VHD).");
            }

            CheckExisting(errors, "parentPath", request.ParentPath, "the parent disk");
            if (request.SizeBytes is not null)
            {
                Add(errors, "sizeBytes", "A differencing disk has its parent's size; leave the size empty.");
            }

            if (request.CopyFromPath is not null)
            {
                Add(errors, "copyFromPath", "A differencing disk starts empty over its parent; it cannot copy another disk.");
            }
        }
        else
        {
            if (request.ParentPath is not null)
            {
                Add(errors, "parentPath", "Only a differencing disk has a parent.");
            }

            if (request.CopyFromPath is not null)
            {
                CheckExisting(errors, "copyFromPath", request.CopyFromPath, "the disk to copy");
                if (request.SizeBytes is not null)
                {
                    Add(errors, "sizeBytes", "A disk that copies another has that disk's size; leave the size empty.");
                }
            }
            else if (request.SizeBytes is not { } size)
            {
                Add(errors, "sizeBytes", "Enter the size of the new disk.");
            }
            else
            {
                CheckSize(errors, "sizeBytes", size, request.Format);
            }
        }

        return Freeze(errors);
    }

    public IReadOnlyDictionary<string, string[]> CheckEdit(EditDiskRequest request, DiskDetails disk)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(disk);
        var errors = new Dictionary<string, List<string>>();
        if (disk.Actions.FirstOrDefault(a => a.Action == request.Action) is { Available: false } refused)
        {
            Add(errors, "action", refused.Reason ?? $"{request.Action} does not apply to this disk.");
            return Freeze(errors);
        }

        switch (request.Action)
        {
            case DiskAction.Convert:
                if (request.Format is not { } format)
                {
                    Add(errors, "format", "Choose the format of the new disk.");
                }
                else
                {
                    CheckNewPath(errors, "destinationPath", request.DestinationPath, format);
                    if (disk.MaximumSizeBytes > DiskFormats.MaximumSize(format))
                    {
                        Add(errors, "format", $"The disk's maximum size ({Gb(disk.MaximumSizeBytes)}) is more than a {DiskFormats.Label(format)} can hold ({DiskFormats.MaximumSizeText(format)}).");
                    }
                }

                CheckNewType(errors, request.Type);
                break;
            case DiskAction.Expand:
                if (request.NewSizeBytes is not { } larger)
                {
                    Add(errors, "newSizeBytes", "Enter the new size.");
                }
                else if (larger <= disk.MaximumSizeBytes)
                {
                    Add(errors, "newSizeBytes", $"Expand makes a disk larger: enter more than its current maximum size ({Gb(disk.MaximumSizeBytes)}); use Shrink to make it smaller.");
                }
                else
                {
                    CheckSize(errors, "newSizeBytes", larger, disk.Format ?? DiskFormat.Qcow2);
                }

                break;
            case DiskAction.Shrink:
                if (request.NewSizeBytes is not { } smaller)
                {
                    Add(errors, "newSizeBytes", "Enter the new size.");
                }
                else if (smaller >= disk.MaximumSizeBytes)
                {
                    Add(errors, "newSizeBytes", $"Shrink makes a disk smaller: enter less than its current maximum size ({Gb(disk.MaximumSizeBytes)}).");
                }
                else if (smaller <= 0 || smaller % DiskFormats.MiB != 0)
                {
                    Add(errors, "newSizeBytes", "The size must be a whole number of MB greater than zero.");
                }

                break;
            case DiskAction.Merge:
                if (request.DestinationPath is { } target)
                {
                    var targetFormat = FormatOf(target);
                    if (targetFormat is null)
                    {
                        Add(errors, "destinationPath", "The new disk's name must end in .vhdx, .vhd or .qcow2 (its format).");
                    }
                    else
                    {
                        CheckNewPath(errors, "destinationPath", target, targetFormat.Value);
                    }

                    CheckNewType(errors, request.Type);
                }

                break;
            case DiskAction.Reconnect:
                CheckExisting(errors, "parentPath", request.ParentPath, "the parent disk");
                break;
            case DiskAction.Compact:
                break;
        }

        return Freeze(errors);
    }

    public async Task ValidateCreateAsync(NewDiskRequest request, CancellationToken cancellationToken)
    {
        ThrowIfAny(CheckCreate(request));
        var folder = Path.GetDirectoryName(Path.GetFullPath(request.Path))!;
        if (request.CopyFromPath is { } source)
        {
            var copied = await InspectAsync(source, cancellationToken).ConfigureAwait(false);
            if (copied.MaximumSizeBytes > DiskFormats.MaximumSize(request.Format))
            {
                throw VmValidationException.For("copyFromPath",
                    $"'{source}' is {Gb(copied.MaximumSizeBytes)}, more than a {DiskFormats.Label(request.Format)} can hold ({DiskFormats.MaximumSizeText(request.Format)}).");
            }

            ThrowIfInUseForWriting(source, copied, readOnly: true);
            EnsureSpace(folder, request.Type == VirtualDiskType.Fixed ? copied.MaximumSizeBytes : ChainFileSize(copied));
        }
        else if (request.ParentPath is { } parent)
        {
            _ = await InspectAsync(parent, cancellationToken).ConfigureAwait(false);
        }
        else if (request.Type == VirtualDiskType.Fixed && request.Format == DiskFormat.Qcow2)
        {
            // A fixed qcow2 is fully written now; VHDX and VHD fixed disks are sparse files here (FACTS.md).
            EnsureSpace(folder, request.SizeBytes!.Value);
        }
    }

    public async Task ValidateEditAsync(EditDiskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Path.IsPathFullyQualified(request.Path ?? ""))
        {
            throw VmValidationException.For("path", "Enter the full path of the disk (it must be an absolute path).");
        }

        if (!File.Exists(request.Path))
        {
            throw VmValidationException.For("path", $"The virtual hard disk '{request.Path}' does not exist.");
        }

        var disk = await InspectAsync(request.Path, cancellationToken).ConfigureAwait(false);
        ThrowIfAny(CheckEdit(request, disk));
        ThrowIfInUseForWriting(request.Path, disk, readOnly: request.Action == DiskAction.Convert || (request.Action == DiskAction.Merge && request.DestinationPath is not null));
        switch (request.Action)
        {
            case DiskAction.Convert:
                EnsureSpace(Folder(request.DestinationPath!), request.Type == VirtualDiskType.Fixed ? disk.MaximumSizeBytes : ChainFileSize(disk));
                break;
            case DiskAction.Merge when request.DestinationPath is { } target:
                EnsureSpace(Folder(target), request.Type == VirtualDiskType.Fixed ? disk.MaximumSizeBytes : ChainFileSize(disk));
                break;
            case DiskAction.Merge:
                var parent = disk.Parents[0];
                ThrowIfInUseForWriting(parent.Path, null, readOnly: false);
                EnsureSpace(Folder(parent.Path), disk.FileSizeBytes);
                break;
            case DiskAction.Compact:
                EnsureSpace(Folder(request.Path), disk.FileSizeBytes);
                break;
            case DiskAction.Expand when disk.Format != DiskFormat.Qcow2:
                EnsureSpace(Folder(request.Path), disk.FileSizeBytes + (disk.Type == VirtualDiskType.Fixed ? request.NewSizeBytes!.Value : 0));
                break;
            case DiskAction.Shrink:
                var used = await HighestDataOffsetAsync(request.Path, cancellationToken).ConfigureAwait(false);
                if (request.NewSizeBytes < used)
                {
                    throw VmValidationException.For("newSizeBytes",
                        $"The disk holds data up to {Gb(used)}; it cannot be shrunk below {Math.Ceiling((double)used / DiskFormats.MiB).ToString(CultureInfo.InvariantCulture)} MB without losing data.");
                }

                break;
            case DiskAction.Reconnect:
                var newParent = await InspectAsync(request.ParentPath!, cancellationToken).ConfigureAwait(false);
                if (newParent.MaximumSizeBytes > disk.MaximumSizeBytes)
                {
                    throw VmValidationException.For("parentPath",
                        $"'{request.ParentPath}' is larger ({Gb(newParent.MaximumSizeBytes)}) than this differencing disk ({Gb(disk.MaximumSizeBytes)}), so it is not the disk this one was made from.");
                }

                if (SamePath(newParent.Path, disk.Path))
                {
                    throw VmValidationException.For("parentPath", "A disk cannot be its own parent.");
                }

                break;
        }
    }

    // ---------------------------------------------------------------- inspect

    public async Task<DiskDetails> InspectAsync(string path, CancellationToken cancellationToken)
    {
        if (!Path.IsPathFullyQualified(path ?? ""))
        {
            throw VmValidationException.For("path", "Enter the full path of the disk (it must be an absolute path).");
        }

        if (!File.Exists(path))
        {
            throw VmValidationException.For("path", $"The virtual hard disk '{path}' does not exist.");
        }

        var full = Path.GetFullPath(path);
        string output;
        try
        {
            output = await _qemuImg.RunAsync(QemuImgArguments.InfoChain(full), null, cancellationToken).ConfigureAwait(false);
        }
        catch (VmOperationException e) when (e.Message.Contains("Could not open", StringComparison.Ordinal))
        {
            // The chain is broken (a parent moved): inspect the disk alone so that Reconnect can be offered.
            return await InspectBrokenAsync(full, e.Message, cancellationToken).ConfigureAwait(false);
        }

        var chain = ParseChain(output);
        return Describe(full, chain, missingParent: null);
    }

    private async Task<DiskDetails> InspectBrokenAsync(string path, string error, CancellationToken cancellationToken)
    {
        var output = await _qemuImg.RunAsync(
            ["info", "--output=json", "-U", "-f", "qcow2", path], null, cancellationToken).ConfigureAwait(false);
        var self = ParseChain("[" + output + "]");
        if (self.Count == 0 || self[0].BackingFile is null)
        {
            throw new VmOperationException(error);
        }

        return Describe(path, self, missingParent: self[0].BackingFile);
    }

    internal sealed record ChainImage(string Path, string Format, long VirtualSize, long ActualSize, string? BackingFile);

    internal static List<ChainImage> ParseChain(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var images = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToList()
                : [document.RootElement];
            return images.Select(image => new ChainImage(
                    image.GetProperty("filename").GetString() ?? "",
                    image.GetProperty("format").GetString() ?? "",
                    image.GetProperty("virtual-size").GetInt64(),
                    image.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
                    image.TryGetProperty("full-backing-filename", out var full) ? full.GetString()
                    : image.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new VmOperationException($"qemu-img info gave an unexpected answer: {e.Message}", e);
        }
    }

    private DiskDetails Describe(string path, List<ChainImage> chain, string? missingParent)
    {
        var self = chain[0];
        var format = DiskFormats.FromQemuName(self.Format);
        var fileSize = new FileInfo(path).Length;
        var type = self.BackingFile is not null ? VirtualDiskType.Differencing
            : format is DiskFormat.Vhd or DiskFormat.Vhdx ? DiskHeaders.ReadType(path, format.Value) ?? VirtualDiskType.Dynamic
            // qcow2: preallocation=full leaves every block allocated (Hyper-V's fixed size).
            : self.ActualSize >= self.VirtualSize ? VirtualDiskType.Fixed : VirtualDiskType.Dynamic;

        var parents = new List<DiskChainEntry>();
        for (var i = 1; i < chain.Count; i++)
        {
            var parentPath = chain[i - 1].BackingFile ?? chain[i].Path;
            parents.Add(new DiskChainEntry(parentPath, chain[i].Format, chain[i].VirtualSize, SafeLength(parentPath), true));
        }

        if (missingParent is not null)
        {
            parents.Add(new DiskChainEntry(missingParent, "", 0, 0, false));
        }

        var inUse = UsedBy(path);
        var details = new DiskDetails
        {
            Path = path,
            QemuFormat = self.Format,
            Format = format,
            Type = type,
            FileSizeBytes = fileSize,
            MaximumSizeBytes = self.VirtualSize,
            Parents = parents,
            InUseBy = inUse is null ? null : $"{inUse.Definition.Name} ({inUse.State})",
        };
        return details with { Actions = Availability(details, missingParent is not null) };
    }

    /// <summary>Which Edit Disk actions apply to this disk, with Hyper-V-like reasons for the others.</summary>
    internal static IReadOnlyList<DiskActionAvailability> Availability(DiskDetails disk, bool parentMissing)
    {
        var differencing = disk.Type == VirtualDiskType.Differencing;
        string? unknown = disk.Format is null ? $"HvWeb edits VHDX, VHD and qcow2 disks; this disk is {disk.QemuFormat}. Convert it first." : null;
        string? missing = parentMissing ? "The parent disk cannot be found; reconnect it first." : null;
        var fixedDisk = disk.Type == VirtualDiskType.Fixed
            ? "A fixed size disk already takes all its space; only dynamically expanding and differencing disks can be compacted." : null;
        var notQcow2 = disk.Format is { } format && format != DiskFormat.Qcow2
            ? $"qemu-img cannot resize a {DiskFormats.Label(format)} disk, so it cannot be shrunk here; convert it to qcow2 to shrink it." : null;
        return
        [
            Of(DiskAction.Compact, unknown ?? missing ?? fixedDisk),
            Of(DiskAction.Convert, missing),
            Of(DiskAction.Expand, unknown ?? missing),
            Of(DiskAction.Shrink, unknown ?? missing ?? notQcow2),
            Of(DiskAction.Merge, missing ?? (differencing ? null : "Only a differencing disk can be merged.")),
            Of(DiskAction.Reconnect, differencing ? null : "Only a differencing disk has a parent to reconnect."),
        ];
    }

    private static DiskActionAvailability Of(DiskAction action, string? reason) => new(action, reason is null, reason);

    // ---------------------------------------------------------------- create

    public async Task CreateAsync(NewDiskRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await ValidateCreateAsync(request, cancellationToken).ConfigureAwait(false);
        var path = Path.GetFullPath(request.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var name = Path.GetFileName(path);
        if (request.CopyFromPath is { } source)
        {
            var sourceFormat = (await InspectAsync(source, cancellationToken).ConfigureAwait(false)).QemuFormat;
            await WriteNewFileAsync(path, partial => _qemuImg.RunAsync(
                QemuImgArguments.Convert(source, sourceFormat, partial, request.Format, request.Type),
                Percent(progress, $"Copying '{source}' into {name}"), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        else if (request.ParentPath is { } parent)
        {
            var parentFormat = (await InspectAsync(parent, cancellationToken).ConfigureAwait(false)).QemuFormat;
            progress.Report(new OperationProgress(0, $"Creating differencing disk {name}"));
            await WriteNewFileAsync(path, partial => _qemuImg.RunAsync(
                QemuImgArguments.CreateDifferencing(partial, parent, parentFormat), null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var size = request.SizeBytes!.Value;
            var step = $"Creating {name}";
            progress.Report(new OperationProgress(0, step));
            await WriteNewFileAsync(path, async partial =>
            {
                // qemu-img create has no -p: a fixed qcow2's progress is how much of the file is written.
                using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var watch = request.Type == VirtualDiskType.Fixed
                    ? WatchFileGrowthAsync(partial, size, progress, step, watching.Token)
                    : Task.CompletedTask;
                try
                {
                    return await _qemuImg.RunAsync(QemuImgArguments.CreateDisk(partial, request.Format, request.Type, size), null, cancellationToken)
                        .ConfigureAwait(false);
                }
                finally
                {
                    await watching.CancelAsync().ConfigureAwait(false);
                    await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        progress.Report(new OperationProgress(100, $"Created {name}"));
    }

    private async Task WatchFileGrowthAsync(string path, long size, IProgress<OperationProgress> progress, string step, CancellationToken cancellationToken)
    {
        var last = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
            var percent = (int)Math.Min(99, SafeLength(path) * 100 / Math.Max(1, size));
            if (percent != last)
            {
                last = percent;
                progress.Report(new OperationProgress(percent, step));
            }
        }
    }

    // ---------------------------------------------------------------- edit

    public async Task EditAsync(EditDiskRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await ValidateEditAsync(request, cancellationToken).ConfigureAwait(false);
        var disk = await InspectAsync(request.Path, cancellationToken).ConfigureAwait(false);
        var path = disk.Path;
        var name = Path.GetFileName(path);
        switch (request.Action)
        {
            case DiskAction.Convert:
                var destination = Path.GetFullPath(request.DestinationPath!);
                await WriteNewFileAsync(destination, partial => _qemuImg.RunAsync(
                    QemuImgArguments.Convert(path, disk.QemuFormat, partial, request.Format!.Value, request.Type ?? VirtualDiskType.Dynamic),
                    Percent(progress, $"Converting {name} to {Path.GetFileName(destination)}"), cancellationToken), cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Compact:
                // qemu-img has no in-place compaction for these formats: copy the used blocks into a new
                // file of the same format (keeping the parent of a differencing disk), then replace the
                // disk only after the copy succeeded.
                var format = disk.Format!.Value;
                await ReplaceAsync(path, partial => _qemuImg.RunAsync(
                    disk.Type == VirtualDiskType.Differencing
                        ? QemuImgArguments.ConvertKeepingParent(path, partial, disk.Parents[0].Path, disk.Parents[0].Format)
                        : QemuImgArguments.Convert(path, disk.QemuFormat, partial, format, VirtualDiskType.Dynamic),
                    Percent(progress, $"Compacting {name}"), cancellationToken), cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Expand when disk.Format == DiskFormat.Qcow2:
                progress.Report(new OperationProgress(0, $"Expanding {name}"));
                await _qemuImg.RunAsync(QemuImgArguments.Resize(path, request.NewSizeBytes!.Value, shrink: false), null, cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Expand:
                // qemu-img resize refuses VHDX and VHD (FACTS.md): a bigger disk of the same format and
                // type, the contents copied into it (convert -n), then it replaces the disk.
                var size = request.NewSizeBytes!.Value;
                await ReplaceAsync(path, async partial =>
                {
                    await _qemuImg.RunAsync(QemuImgArguments.CreateDisk(partial, disk.Format!.Value, disk.Type, size), null, cancellationToken).ConfigureAwait(false);
                    return await _qemuImg.RunAsync(QemuImgArguments.ConvertInto(path, disk.QemuFormat, partial, disk.Format!.Value),
                        Percent(progress, $"Expanding {name}"), cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Shrink:
                progress.Report(new OperationProgress(0, $"Shrinking {name}"));
                await _qemuImg.RunAsync(QemuImgArguments.Resize(path, request.NewSizeBytes!.Value, shrink: true), null, cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Merge when request.DestinationPath is { } target:
                var targetPath = Path.GetFullPath(target);
                await WriteNewFileAsync(targetPath, partial => _qemuImg.RunAsync(
                    QemuImgArguments.Convert(path, "qcow2", partial, FormatOf(targetPath)!.Value, request.Type ?? VirtualDiskType.Dynamic),
                    Percent(progress, $"Merging {name} into {Path.GetFileName(targetPath)}"), cancellationToken), cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Merge:
                // Written into the parent as qemu-img commits: a cancelled commit leaves the parent
                // partly updated but the differencing disk complete, so the chain still reads the same data.
                await _qemuImg.RunAsync(QemuImgArguments.Commit(path),
                    Percent(progress, $"Merging {name} into {Path.GetFileName(disk.Parents[0].Path)}"), cancellationToken).ConfigureAwait(false);
                break;
            case DiskAction.Reconnect:
                var parent = await InspectAsync(request.ParentPath!, cancellationToken).ConfigureAwait(false);
                progress.Report(new OperationProgress(0, $"Reconnecting {name} to {Path.GetFileName(parent.Path)}"));
                await _qemuImg.RunAsync(QemuImgArguments.Rebase(path, parent.Path, parent.QemuFormat), null, cancellationToken).ConfigureAwait(false);
                break;
        }

        progress.Report(new OperationProgress(100, "Done"));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Writes "&lt;path&gt;.partial" and renames it to <paramref name="path"/> on success; removes it otherwise.</summary>
    private static async Task WriteNewFileAsync(string path, Func<string, Task<string>> write, CancellationToken cancellationToken)
    {
        var partial = path + PartialSuffix;
        File.Delete(partial);
        try
        {
            await write(partial).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(partial, path, overwrite: false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes "&lt;path&gt;.partial" and, only once it is complete, puts it in place of the disk.</summary>
    private static async Task ReplaceAsync(string path, Func<string, Task<string>> write, CancellationToken cancellationToken)
    {
        var partial = path + PartialSuffix;
        File.Delete(partial);
        try
        {
            await write(partial).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static Action<int> Percent(IProgress<OperationProgress> progress, string step)
    {
        progress.Report(new OperationProgress(0, step));
        return percent => progress.Report(new OperationProgress(Math.Min(percent, 99), step));
    }

    private async Task<long> HighestDataOffsetAsync(string path, CancellationToken cancellationToken)
    {
        var output = await _qemuImg.RunAsync(QemuImgArguments.Map(path), null, cancellationToken).ConfigureAwait(false);
        return HighestDataOffset(output);
    }

    /// <summary>The end of the last extent with data at depth 0 (this file, not a parent).</summary>
    internal static long HighestDataOffset(string mapJson)
    {
        using var document = JsonDocument.Parse(mapJson);
        long end = 0;
        foreach (var extent in document.RootElement.EnumerateArray())
        {
            if (extent.GetProperty("data").GetBoolean() && extent.GetProperty("depth").GetInt32() == 0)
            {
                end = Math.Max(end, extent.GetProperty("start").GetInt64() + extent.GetProperty("length").GetInt64());
            }
        }

        return end;
    }

    /// <summary>
    /// Refused while a Running, Paused or Saved VM has the disk (a Saved VM's state depends on it);
    /// reading it for a copy is refused only while the VM can write it (not Saved).
    /// </summary>
    private void ThrowIfInUseForWriting(string path, DiskDetails? disk, bool readOnly)
    {
        var vm = UsedBy(path);
        if (vm is null || (readOnly && vm.State == VmState.Saved))
        {
            return;
        }

        throw new VmStateException(InUseSentence(path, vm.Definition.Name, vm.State), vm.State);
    }

    internal static string InUseSentence(string path, string vmName, VmState state) => state == VmState.Saved
        ? $"The disk '{path}' is in use by virtual machine '{vmName}', which is Saved: its saved state depends on this disk. Start and shut down the VM, or delete its saved state, first."
        : $"The disk '{path}' is in use by virtual machine '{vmName}', which is {state}. Turn the VM off first.";

    private VmSnapshot? UsedBy(string path)
    {
        var full = Path.GetFullPath(path);
        return _vms.List().FirstOrDefault(vm => vm.State != VmState.Off
            && vm.Definition.Drives.Any(d => d.Kind == DriveKind.HardDisk && d.Path is { } p && SamePath(p, full)));
    }

    private static void EnsureSpace(string folder, long needed)
    {
        Directory.CreateDirectory(folder);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (needed > free)
        {
            throw new VmStateException(NoSpaceSentence(folder, needed, free));
        }
    }

    internal static string NoSpaceSentence(string folder, long needed, long free) =>
        $"Not enough free space in '{folder}': this needs about {Gb(needed)} and {Gb(free)} is free. Nothing was changed.";

    private static long ChainFileSize(DiskDetails disk) => disk.FileSizeBytes + disk.Parents.Sum(p => p.FileSizeBytes);

    private static string Folder(string path) => Path.GetDirectoryName(Path.GetFullPath(path))!;

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    internal static DiskFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".vhdx" => DiskFormat.Vhdx,
        ".vhd" => DiskFormat.Vhd,
        ".qcow2" => DiskFormat.Qcow2,
        _ => null,
    };

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    internal static string Gb(long bytes) => bytes < DiskFormats.GiB
        ? (bytes / (double)DiskFormats.MiB).ToString("0.##", CultureInfo.InvariantCulture) + " MB"
        : bytes % DiskFormats.GiB == 0
        ? (bytes / DiskFormats.GiB).ToString(CultureInfo.InvariantCulture) + " GB"
        : (bytes / (double)DiskFormats.GiB).ToString("0.##", CultureInfo.InvariantCulture) + " GB";

    private static void CheckNewPath(Dictionary<string, List<string>> errors, string field, string? path, DiskFormat format)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            Add(errors, field, "Enter the name and location of the new disk.");
            return;
        }

        if (!Path.IsPathFullyQualified(path))
        {
            Add(errors, field, $"'{path}' must be an absolute path.");
            return;
        }

        var extension = DiskFormats.Extension(format);
        if (!Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase))
        {
            Add(errors, field, $"A {DiskFormats.Label(format)} disk's name must end in {extension}.");
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            Add(errors, field, $"'{path}' already exists; HvWeb never replaces an existing file with a new disk.");
        }
    }

    private static void CheckExisting(Dictionary<string, List<string>> errors, string field, string? path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            Add(errors, field, $"Enter the path of {what}.");
        }
        else if (!Path.IsPathFullyQualified(path))
        {
            Add(errors, field, $"'{path}' must be an absolute path.");
        }
        else if (!File.Exists(path))
        {
            Add(errors, field, $"The virtual hard disk '{path}' does not exist.");
        }
    }

    private static void CheckNewType(Dictionary<string, List<string>> errors, VirtualDiskType? type)
    {
        if (type == VirtualDiskType.Differencing)
        {
            Add(errors, "type", "The new disk is a whole disk: choose fixed size or dynamically expanding.");
        }
    }

    /// <summary>Size rules: more than zero, whole MB, at most the format's limit (VHD 2040 GB, VHDX 64 TB).</summary>
    internal static void CheckSize(Dictionary<string, List<string>> errors, string field, long size, DiskFormat format)
    {
        if (size <= 0 || size % DiskFormats.MiB != 0)
        {
            Add(errors, field, "The size must be a whole number of MB greater than zero.");
        }
        else if (size > DiskFormats.MaximumSize(format))
        {
            Add(errors, field, format == DiskFormat.Vhd
                ? "A VHD disk can be at most 2040 GB; choose VHDX for a larger disk (up to 64 TB)."
                : $"A {DiskFormats.Label(format)} disk can be at most 64 TB.");
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    private static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors);
        }
    }
}
