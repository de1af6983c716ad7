using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Reads and writes VM configuration files (<c>Virtual Machines/&lt;ID&gt;.json</c>, the source of
/// truth) and the host's list of registered configuration files (<c>registered-vms.json</c> in the
/// data root). Every write goes to a temporary file first and is renamed into place, so a crash
/// never leaves a half-written configuration.
/// </summary>
public sealed class VmConfigStore(string dataRoot)
{
    private readonly Lock _registryLock = new();

    public string RegistryFile => Path.Combine(dataRoot, "registered-vms.json");

    /// <summary>Every registered VM that could be read, and a sentence for each that could not.</summary>
    public (IReadOnlyList<VmDefinition> Vms, IReadOnlyList<string> Problems) LoadAll()
    {
        var vms = new List<VmDefinition>();
        var problems = new List<string>();
        foreach (var file in ReadRegistry())
        {
            try
            {
                vms.Add(Read(file));
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                problems.Add($"The configuration '{file}' could not be read ({e.Message}); the VM is not shown until it is fixed or registered again.");
            }
        }

        return (vms, problems);
    }

    /// <summary>Reads a configuration file, migrating an older schema (see <see cref="VmConfigMigration"/>).</summary>
    public static VmDefinition Read(string configFile) => VmConfigMigration.Parse(File.ReadAllBytes(configFile));

    public static void Save(VmDefinition vm)
    {
        var file = VmPaths.ConfigFile(vm);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        WriteAtomically(file, JsonSerializer.SerializeToUtf8Bytes(vm, VmJson.Options));
    }

    public void Register(VmDefinition vm) => ChangeRegistry(list =>
    {
        var file = VmPaths.ConfigFile(vm);
        if (!list.Contains(file))
        {
            list.Add(file);
        }
    });

    public void Unregister(VmDefinition vm) => ChangeRegistry(list => list.Remove(VmPaths.ConfigFile(vm)));

    private List<string> ReadRegistry()
    {
        lock (_registryLock)
        {
            if (!File.Exists(RegistryFile))
            {
                return [];
            }

            return JsonSerializer.Deserialize<List<string>>(File.ReadAllBytes(RegistryFile), VmJson.Options) ?? [];
        }
    }

    private void ChangeRegistry(Action<List<string>> change)
    {
        lock (_registryLock)
        {
            var list = File.Exists(RegistryFile)
                ? JsonSerializer.Deserialize<List<string>>(File.ReadAllBytes(RegistryFile), VmJson.Options) ?? []
                : [];
            change(list);
            Directory.CreateDirectory(dataRoot);
            WriteAtomically(RegistryFile, JsonSerializer.SerializeToUtf8Bytes(list, VmJson.Options));
        }
    }

    private static void WriteAtomically(string file, byte[] content)
    {
        var temp = file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, file, overwrite: true);
    }
}
