using System.Text.Json;
using System.Text.Json.Nodes;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;
using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>
/// A VM found by Locate Folder, as read: its configuration (older schemas migrated by
/// <see cref="VmConfigMigration"/>), its configuration version as written (a version this host
/// cannot run is kept as text and reported, the rest still reads), and its checkpoints.
/// </summary>
/// <param name="VmFolder">The folder that holds "Virtual Machines": relative paths are resolved against it.</param>
/// <param name="CheckpointFolder">Where its checkpoint records were read (its checkpoint file location, or &lt;VM folder&gt;/Snapshots).</param>
/// <param name="Problems">Checkpoint records that could not be read (they block the import: their files would be lost).</param>
public sealed record ImportSource(
    string ConfigFile,
    string VmFolder,
    VmDefinition Vm,
    string Version,
    bool VersionSupported,
    string CheckpointFolder,
    IReadOnlyList<Checkpoint> Checkpoints,
    IReadOnlyList<string> Problems)
{
    /// <summary>The saved state of a VM exported Saved: &lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;/&lt;ID&gt;.vmstate.</summary>
    public string SavedStateFile => Path.Combine(VmFolder, VmPaths.ConfigFolderName, Vm.Id.ToString("D"), $"{Vm.Id:D}.vmstate");

    /// <summary>The generation 2 UEFI variables: &lt;VM folder&gt;/Virtual Machines/&lt;ID&gt;/&lt;ID&gt;.vmgs.</summary>
    public string FirmwareFile => Path.Combine(VmFolder, VmPaths.ConfigFolderName, Vm.Id.ToString("D"), $"{Vm.Id:D}.vmgs");

    public ImportCandidate ToCandidate() =>
        new(ConfigFile, Vm.Id, Vm.Name, Vm.CreatedUtc, Vm.Generation == VmGeneration.One ? "1" : "2", Version, Checkpoints.Count);

    /// <summary>Reads a configuration file and its checkpoints.</summary>
    /// <exception cref="JsonException">not a VM configuration.</exception>
    /// <exception cref="IOException">it cannot be read.</exception>
    public static ImportSource Read(string configFile)
    {
        var full = Path.GetFullPath(configFile);
        var (vm, version, supported) = ReadConfiguration(File.ReadAllBytes(full));
        var vmFolder = ImportPaths.VmFolderOf(full);
        var checkpointFolder = CheckpointFolderOf(vm, vmFolder);
        var (checkpoints, problems) = ReadCheckpoints(vm.Id, checkpointFolder);
        return new ImportSource(full, vmFolder, vm, version, supported, checkpointFolder, checkpoints, problems);
    }

    /// <summary>
    /// The definition, its configuration version as written, and whether this host runs it. An
    /// unsupported version is read as the highest supported one so the rest of the file still shows.
    /// </summary>
    public static (VmDefinition Vm, string Version, bool Supported) ReadConfiguration(byte[] json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the file is not a JSON object");
        var version = node.TryGetPropertyValue("version", out var v) && v is JsonValue value && value.TryGetValue<string>(out var text) ? text : ConfigurationVersion.Default.ToString();
        var supported = ConfigurationVersion.TryParse(version, out _);
        if (!supported)
        {
            node["version"] = ConfigurationVersion.Supported[^1].ToString();
        }

        var vm = VmConfigMigration.Parse(JsonSerializer.SerializeToUtf8Bytes(node, VmJson.Options));
        if (vm.Id == Guid.Empty || string.IsNullOrWhiteSpace(vm.Name))
        {
            throw new JsonException("the file has no VM ID or name");
        }

        return (vm, version, supported);
    }

    /// <summary>The recorded checkpoint file location when it exists; otherwise the located folder's Snapshots (the export format).</summary>
    private static string CheckpointFolderOf(VmDefinition vm, string vmFolder)
    {
        if (vm.CheckpointFileLocation is { Length: > 0 } recorded)
        {
            var resolved = ImportPaths.Resolve(recorded, vmFolder);
            if (Directory.Exists(resolved))
            {
                return resolved;
            }
        }

        return Path.Combine(vmFolder, VmPaths.SnapshotsFolderName);
    }

    private static (IReadOnlyList<Checkpoint>, IReadOnlyList<string>) ReadCheckpoints(Guid vmId, string folder)
    {
        var checkpoints = new List<Checkpoint>();
        var problems = new List<string>();
        if (!Directory.Exists(folder))
        {
            return (checkpoints, problems);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (!Guid.TryParse(Path.GetFileNameWithoutExtension(file), out _))
            {
                continue;
            }

            try
            {
                var checkpoint = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllBytes(file), VmJson.Options);
                if (checkpoint is not null && checkpoint.VmId == vmId)
                {
                    checkpoints.Add(checkpoint);
                }
            }
            catch (JsonException e)
            {
                problems.Add($"The checkpoint record '{file}' could not be read ({e.Message}); importing would lose its files.");
            }
        }

        return (checkpoints, problems);
    }
}
