using System.Text.Json;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>
/// Stands in for the export service (IExportService, built in parallel on wip/export) until it is on
/// main: writes an export folder of an Off VM by the export folder format of docs/storage.md —
/// <c>&lt;dest&gt;/&lt;VM name&gt;/Virtual Machines/&lt;ID&gt;.json</c> with every path of a file inside the
/// export relative to the VM folder with '/', <c>folder</c> ".", <c>checkpointFileLocation</c> null;
/// the disks and the chain of differencing disks in <c>Virtual Hard Disks</c>, each qcow2 rebased
/// (-u) onto its parent's file name; checkpoint records and memory states in <c>Snapshots</c>; saved
/// state and firmware in <c>Virtual Machines/&lt;ID&gt;</c>. Replace its use by a real export as soon
/// as main has one.
/// </summary>
public static class ExportFolderBuilder
{
    /// <param name="change">Changes the exported configuration (e.g. a switch this host does not have).</param>
    /// <returns>The exported configuration file.</returns>
    public static async Task<string> BuildAsync(VmDefinition vm, string destination, Func<VmDefinition, VmDefinition>? change = null)
    {
        var folder = Path.Combine(destination, vm.Name);
        var disks = Path.Combine(folder, VmPaths.DisksFolderName);
        var snapshots = Path.Combine(folder, VmPaths.SnapshotsFolderName);
        var runtime = Path.Combine(folder, VmPaths.ConfigFolderName, vm.Id.ToString("D"));
        Directory.CreateDirectory(disks);
        Directory.CreateDirectory(snapshots);
        Directory.CreateDirectory(runtime);

        // Every disk file of the VM and its checkpoints (the whole chain lives in its disks folder here).
        var checkpoints = CheckpointStore.LoadAll(vm);
        var diskFiles = vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!)
            .Concat(checkpoints.SelectMany(c => c.Disks.Select(d => d.Path)))
            .Distinct()
            .ToList();
        var moved = new Dictionary<string, string>();
        foreach (var file in diskFiles)
        {
            var target = Path.Combine(disks, Path.GetFileName(file));
            File.Copy(file, target);
            moved[file] = $"{VmPaths.DisksFolderName}/{Path.GetFileName(file)}";
        }

        foreach (var file in diskFiles)
        {
            var backing = await BackingOfAsync(file);
            if (backing is not null)
            {
                await RunAsync("qemu-img", ["rebase", "-u", "-f", "qcow2", "-b", Path.GetFileName(backing), "-F", "qcow2", Path.Combine(disks, Path.GetFileName(file))]);
            }
        }

        foreach (var checkpoint in checkpoints)
        {
            string? state = null;
            if (checkpoint.SavedStateFile is { } stateFile)
            {
                File.Copy(stateFile, Path.Combine(snapshots, Path.GetFileName(stateFile)));
                state = $"{VmPaths.SnapshotsFolderName}/{Path.GetFileName(stateFile)}";
            }

            var exported = checkpoint with
            {
                Settings = Relative(checkpoint.Settings, moved),
                Disks = [.. checkpoint.Disks.Select(d => d with { Path = moved.GetValueOrDefault(d.Path, d.Path) })],
                SavedStateFile = state,
            };
            await File.WriteAllBytesAsync(Path.Combine(snapshots, $"{checkpoint.Id:D}.json"), JsonSerializer.SerializeToUtf8Bytes(exported, VmJson.Options));
        }

        foreach (var file in new[] { VmPaths.SavedStateFile(vm), VmPaths.FirmwareVarsFile(vm) }.Where(File.Exists))
        {
            File.Copy(file, Path.Combine(runtime, Path.GetFileName(file)));
        }

        var config = Path.Combine(folder, VmPaths.ConfigFolderName, $"{vm.Id:D}.json");
        var definition = Relative(vm, moved);
        await File.WriteAllBytesAsync(config, JsonSerializer.SerializeToUtf8Bytes(change is null ? definition : change(definition), VmJson.Options));
        return config;
    }

    /// <summary>
    /// As an export "with disks as VHDX": each hard disk's chain flattened into one VHDX (qemu-img
    /// convert), no checkpoints.
    /// </summary>
    public static async Task<string> BuildWithVhdxDisksAsync(VmDefinition vm, string destination)
    {
        var folder = Path.Combine(destination, vm.Name);
        var disks = Path.Combine(folder, VmPaths.DisksFolderName);
        Directory.CreateDirectory(disks);
        Directory.CreateDirectory(Path.Combine(folder, VmPaths.SnapshotsFolderName));
        var moved = new Dictionary<string, string>();
        foreach (var disk in vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!))
        {
            var name = Path.GetFileNameWithoutExtension(disk) + ".vhdx";
            await RunAsync("qemu-img", ["convert", "-f", "qcow2", "-O", "vhdx", "-o", "subformat=dynamic", disk, Path.Combine(disks, name)]);
            moved[disk] = $"{VmPaths.DisksFolderName}/{name}";
        }

        var config = Path.Combine(folder, VmPaths.ConfigFolderName, $"{vm.Id:D}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllBytesAsync(config, JsonSerializer.SerializeToUtf8Bytes(Relative(vm, moved) with { ParentCheckpointId = null }, VmJson.Options));
        return config;
    }

    private static VmDefinition Relative(VmDefinition vm, Dictionary<string, string> moved) => vm with
    {
        Folder = ".",
        CheckpointFileLocation = null,
        Drives = [.. vm.Drives.Select(d => d.Path is { } p ? d with { Path = moved.GetValueOrDefault(p, p) } : d)],
    };

    private static async Task<string?> BackingOfAsync(string file)
    {
        var json = await RunAsync("qemu-img", ["info", "-U", "--output=json", file]);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null;
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }
}
