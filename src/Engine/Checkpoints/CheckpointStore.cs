using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Engine.Checkpoints;

/// <summary>
/// Checkpoints on disk: one JSON file per checkpoint in the VM's checkpoint file location
/// (<see cref="VmDefinition.CheckpointFileLocation"/>, or <c>&lt;VM folder&gt;/Snapshots</c>), written
/// atomically (a temporary file renamed over the old one).
/// </summary>
public static class CheckpointStore
{
    public static string Folder(VmDefinition vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return string.IsNullOrWhiteSpace(vm.CheckpointFileLocation) ? VmPaths.SnapshotsFolder(vm) : vm.CheckpointFileLocation;
    }

    public static string File(VmDefinition vm, Guid id) => Path.Combine(Folder(vm), $"{id:D}.json");

    /// <summary>A Standard checkpoint's memory and device state: <c>&lt;ID&gt;.vmstate</c> beside its JSON.</summary>
    public static string StateFile(VmDefinition vm, Guid id) => Path.Combine(Folder(vm), $"{id:D}.vmstate");

    public static IReadOnlyList<Checkpoint> LoadAll(VmDefinition vm)
    {
        var folder = Folder(vm);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var result = new List<Checkpoint>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (!Guid.TryParse(Path.GetFileNameWithoutExtension(file), out _))
            {
                continue;
            }

            try
            {
                var checkpoint = JsonSerializer.Deserialize<Checkpoint>(System.IO.File.ReadAllBytes(file), VmJson.Options);
                if (checkpoint is not null && checkpoint.VmId == vm.Id)
                {
                    result.Add(checkpoint);
                }
            }
            catch (JsonException)
            {
                // A damaged file is skipped: the tree shows what can be read.
            }
        }

        return result;
    }

    public static void Save(VmDefinition vm, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var file = File(vm, checkpoint.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        System.IO.File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(checkpoint, VmJson.Options));
        System.IO.File.Move(temporary, file, overwrite: true);
    }

    public static void Delete(VmDefinition vm, Guid id) => System.IO.File.Delete(File(vm, id));
}
