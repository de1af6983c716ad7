using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Import Virtual Machine (Hyper-V's Import-VM and Compare-VM) over the export folder format
/// (docs/storage.md). This file: Locate Folder and Compare (the analysis, nothing written);
/// ImportService.Run.cs: the import itself.
/// </summary>
public sealed partial class ImportService(
    VmManager vms,
    Networking.SwitchService switches,
    ImportDiskProbe disks,
    ImportFileCopier copier,
    ILogger<ImportService> logger) : IImportService
{
    public IReadOnlyList<ImportCandidate> Locate(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw VmValidationException.For("folder", "Type the folder that holds the virtual machine's files.");
        }

        if (!ImportPaths.IsAbsolute(folder))
        {
            throw VmValidationException.For("folder", $"'{folder}' must be an absolute folder path (starting with /).");
        }

        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw VmValidationException.For("folder", File.Exists(full) ? $"'{full}' is a file, not a folder." : $"The folder '{full}' does not exist.");
        }

        var candidates = new List<ImportCandidate>();
        var problems = new List<string>();
        List<string> files;
        try
        {
            files = [.. ConfigFilesUnder(full)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VmValidationException.For("folder", $"The folder '{full}' could not be read: {e.Message}");
        }

        foreach (var file in files)
        {
            try
            {
                var source = ImportSource.Read(file);
                if (Path.GetFileNameWithoutExtension(file).Equals(source.Vm.Id.ToString("D"), StringComparison.OrdinalIgnoreCase))
                {
                    candidates.Add(source.ToCandidate());
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                problems.Add($"'{file}' could not be read ({e.Message}).");
            }
        }

        if (candidates.Count == 0)
        {
            throw VmValidationException.For("folder", string.Join(" ",
                [$"No virtual machine was found in '{full}': choose the folder of an export (a folder per VM, each with \"Virtual Machines\"), a VM folder, or its \"Virtual Machines\" folder.", .. problems]));
        }

        return [.. candidates.OrderByDescending(c => c.CreatedUtc)];
    }

    /// <summary>The configuration files (named &lt;ID&gt;.json) of an export folder, a VM folder or a "Virtual Machines" folder.</summary>
    private static IEnumerable<string> ConfigFilesUnder(string folder)
    {
        IEnumerable<string> configFolders = Path.GetFileName(folder) == VmPaths.ConfigFolderName
            ? [folder]
            : Directory.Exists(Path.Combine(folder, VmPaths.ConfigFolderName))
                ? [Path.Combine(folder, VmPaths.ConfigFolderName)]
                : Directory.EnumerateDirectories(folder).Select(d => Path.Combine(d, VmPaths.ConfigFolderName)).Where(Directory.Exists);
        return configFolders
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
            .Where(f => Guid.TryParse(Path.GetFileNameWithoutExtension(f), out _))
            .Order(StringComparer.Ordinal);
    }

    public async Task<ImportReport> CompareAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var analysis = await AnalyzeAsync(request, cancellationToken).ConfigureAwait(false);
        return analysis.Report;
    }

    /// <summary>Everything Compare finds and the import needs: the files, their parents, the layout, the copies.</summary>
    private sealed record Analysis(
        ImportSource Source,
        ImportRequest Request,
        Guid Id,
        ImportLayout Layout,
        IReadOnlyList<ImportFileRef> Files,
        IReadOnlyDictionary<string, ImportDisk> Disks,
        IReadOnlyList<ImportCopy> Copies,
        ImportReport Report);

    private async Task<Analysis> AnalyzeAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        ImportSource source;
        try
        {
            source = ImportSource.Read(request.ConfigFile);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw VmValidationException.For("configFile", $"The configuration '{request.ConfigFile}' could not be read: {e.Message}");
        }

        var id = request.Type == ImportType.Copy ? Guid.NewGuid() : source.Vm.Id;
        var files = ImportFixUps.Referenced(source)
            .Select(r => ImportPaths.Find(r.Recorded, r.Kind, r.Owner, source.VmFolder, request.DiskLocations, File.Exists))
            .ToList();
        var (probed, unreadable) = await ProbeChainsAsync(source, request, files, cancellationToken).ConfigureAwait(false);

        var layout = ImportLayout.Of(source, request, vms.ImportVmFolder, vms.ImportDisksFolder);
        var host = new ImportHostView([.. switches.List().Select(s => s.Name)], vms.RegisteredName);
        var fixUps = ImportFixUps.Detect(source, request, files, host);
        fixUps.AddRange(unreadable.Select(u => new ImportFixUp(ImportFixUpKind.Blocked, "disks", u, [], false)));
        if (File.Exists(Path.Combine(source.VmFolder, ExportService.IncompleteMarker)))
        {
            fixUps.Add(new ImportFixUp(ImportFixUpKind.Blocked, "configFile",
                $"The export in '{source.VmFolder}' is incomplete ({ExportService.IncompleteMarker} is there: the export is under way, or was cancelled or interrupted); wait for it to finish, or export the VM again.", [], false));
        }

        var copies = request.Type == ImportType.RegisterInPlace ? [] : CopiesOf(source, layout, id, files, probed);
        if (request.Type == ImportType.RegisterInPlace)
        {
            fixUps.AddRange(probed.Where(p => p.Value.Format != "qcow2").Select(p => new ImportFixUp(ImportFixUpKind.Blocked, "disks",
                $"The disk '{p.Key}' is {p.Value.Format.ToUpperInvariant()}, and a VM here runs from qcow2 (QEMU's VHDX and VHD drivers block saved state, checkpoints and migration): "
                + "choose Restore or Copy, which convert it into qcow2 on the way.", [], false)));
        }

        fixUps.AddRange(ImportDestination.Check(source, request, layout, id, copies));

        var report = new ImportReport(source.ToCandidate(), id, fixUps, fixUps.All(f => f.Resolved), copies.Sum(c => c.Bytes));
        return new Analysis(source, request, id, layout, files, probed, copies, report);
    }

    /// <summary>
    /// Reads each found disk's parent with qemu-img and adds it (found by the same rules, or by a
    /// DiskLocations entry keyed by its absolute path) until every chain ends or misses a file.
    /// </summary>
    private async Task<(Dictionary<string, ImportDisk>, List<string>)> ProbeChainsAsync(
        ImportSource source, ImportRequest request, List<ImportFileRef> files, CancellationToken cancellationToken)
    {
        var probed = new Dictionary<string, ImportDisk>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        var queue = new Queue<ImportFileRef>(files.Where(f => f.Kind == ImportFileKind.HardDisk && f.Found is not null));
        while (queue.TryDequeue(out var file))
        {
            var path = file.Found!;
            if (probed.ContainsKey(path))
            {
                continue;
            }

            ImportDisk disk;
            try
            {
                disk = await disks.InspectAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (VmOperationException e)
            {
                unreadable.Add($"The disk '{path}' of {file.Owner} cannot be read: {e.Message}");
                continue;
            }

            probed[path] = disk;
            if (disk.Backing is not { } backing || files.Any(f => f.Found == backing || (f.Recorded == backing && f.Kind == ImportFileKind.BackingFile)))
            {
                continue;
            }

            // The parent may be a file the records name too (a checkpoint's frozen disk): where that one was found (or located) wins.
            var owner = $"disk '{Path.GetFileName(path)}'";
            // When that one is missing, its own fix-up says so: the parent is not reported a second time.
            var known = files.FirstOrDefault(f => f.Kind == ImportFileKind.HardDisk && ImportPaths.Resolve(f.Recorded, source.VmFolder) == backing);
            if (known is { Found: null })
            {
                continue;
            }

            var parent = known is not null
                ? new ImportFileRef(backing, ImportFileKind.BackingFile, owner, known.Found)
                : ImportPaths.Find(backing, ImportFileKind.BackingFile, owner, source.VmFolder, request.DiskLocations, File.Exists);
            files.Add(parent);
            if (parent.Found is not null)
            {
                queue.Enqueue(parent);
            }
        }

        return (probed, unreadable);
    }

    /// <summary>Restore and Copy: every disk of every chain to the disks folder, checkpoint memory states to the checkpoint folder, saved state and firmware to the runtime folder.</summary>
    private static List<ImportCopy> CopiesOf(ImportSource source, ImportLayout layout, Guid id, IReadOnlyList<ImportFileRef> files, IReadOnlyDictionary<string, ImportDisk> disks)
    {
        var copies = new List<ImportCopy>();
        foreach (var found in files.Where(f => f.Kind is ImportFileKind.HardDisk or ImportFileKind.BackingFile && f.Found is not null).Select(f => f.Found!).Distinct())
        {
            // A VHDX or VHD (an export "with disks as VHDX") becomes the qcow2 a VM here runs from.
            var convert = disks.TryGetValue(found, out var disk) && disk.Format != "qcow2" ? disk.Format : null;
            var name = convert is null ? Path.GetFileName(found) : Path.GetFileNameWithoutExtension(found) + ".qcow2";
            copies.Add(new ImportCopy(found, Path.Combine(layout.DisksFolder, name), SizeOf(found), "disksFolder", convert));
        }

        foreach (var found in files.Where(f => f.Kind == ImportFileKind.CheckpointState && f.Found is not null).Select(f => f.Found!).Distinct())
        {
            copies.Add(new ImportCopy(found, Path.Combine(layout.CheckpointFolder, Path.GetFileName(found)), SizeOf(found), "checkpointFolder"));
        }

        if (File.Exists(source.SavedStateFile))
        {
            copies.Add(new ImportCopy(source.SavedStateFile, Path.Combine(layout.RuntimeFolder(id), $"{id:D}.vmstate"), SizeOf(source.SavedStateFile), "virtualMachineFolder"));
        }

        if (File.Exists(source.FirmwareFile))
        {
            copies.Add(new ImportCopy(source.FirmwareFile, Path.Combine(layout.RuntimeFolder(id), $"{id:D}.vmgs"), SizeOf(source.FirmwareFile), "virtualMachineFolder"));
        }

        return copies;
    }

    private static long SizeOf(string file) => new FileInfo(file).Length;

    /// <summary>Paths must be absolute; a relative one is refused with the field named.</summary>
    private static void Validate(ImportRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ConfigFile))
        {
            errors["configFile"] = ["Choose the virtual machine to import (its configuration file)."];
        }
        else if (!ImportPaths.IsAbsolute(request.ConfigFile))
        {
            errors["configFile"] = [$"'{request.ConfigFile}' must be an absolute path (starting with /)."];
        }
        else if (!File.Exists(request.ConfigFile))
        {
            errors["configFile"] = [$"The configuration file '{request.ConfigFile}' does not exist."];
        }

        if (!Enum.IsDefined(request.Type))
        {
            errors["type"] = ["The import type must be RegisterInPlace, Restore or Copy."];
        }

        foreach (var (field, value, label) in new[]
        {
            ("virtualMachineFolder", request.VirtualMachineFolder, "The virtual machine folder"),
            ("checkpointFolder", request.CheckpointFolder, "The checkpoint folder"),
            ("smartPagingFolder", request.SmartPagingFolder, "The smart paging folder"),
            ("disksFolder", request.DisksFolder, "The virtual hard disks folder"),
        })
        {
            if (!string.IsNullOrWhiteSpace(value) && !ImportPaths.IsAbsolute(value))
            {
                errors[field] = [$"{label} '{value}' must be an absolute path (starting with /)."];
            }
        }

        var relative = (request.DiskLocations ?? new Dictionary<string, string>()).Where(l => l.Value.Length > 0 && !ImportPaths.IsAbsolute(l.Value)).ToList();
        if (relative.Count > 0)
        {
            errors["diskLocations"] = [.. relative.Select(l => $"The location '{l.Value}' given for '{l.Key}' must be an absolute path (starting with /).")];
        }

        if (errors.Count > 0)
        {
            throw new VmValidationException(errors);
        }
    }
}
