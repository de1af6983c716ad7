using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The export's checks that need only the file system: the destination is absolute, a folder (or
/// can be created), writable, and does not hold a folder named after the VM yet. Free space is
/// checked by <see cref="ExportService.ValidateExportAsync"/> (it needs the disks' sizes).
/// </summary>
internal static class ExportChecks
{
    public const string DestinationField = "destinationFolder";
    public const string CheckpointField = "checkpointId";

    public static Dictionary<string, string[]> Check(VmDefinition vm, ExportRequest request, Func<Guid, bool> checkpointExists)
    {
        var errors = new Dictionary<string, string[]>();
        if (DestinationProblem(vm, request.DestinationFolder) is { } problem)
        {
            errors[DestinationField] = [problem];
        }

        if (request.CheckpointId is { } id && !checkpointExists(id))
        {
            errors[CheckpointField] = [$"VM '{vm.Name}' has no checkpoint with the ID {id:D}."];
        }

        return errors;
    }

    private static string? DestinationProblem(VmDefinition vm, string? destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            return "Enter the folder to export the virtual machine to.";
        }

        if (destination.Any(char.IsControl))
        {
            return "The destination folder contains a control character.";
        }

        if (!Path.IsPathFullyQualified(destination))
        {
            return $"The destination folder must be an absolute path (starting with '/'): '{destination}' is not.";
        }

        var folder = Path.GetFullPath(destination);
        if (File.Exists(folder))
        {
            return $"'{folder}' is a file, not a folder.";
        }

        var existing = folder;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return $"'{folder}' cannot be created.";
            }

            if (File.Exists(parent))
            {
                return $"'{folder}' cannot be created: '{parent}' is a file, not a folder.";
            }

            existing = parent;
        }

        if (WriteProblem(existing) is { } why)
        {
            return existing == folder
                ? $"'{folder}' is not writable ({why})."
                : $"'{folder}' cannot be created: '{existing}' is not writable ({why}).";
        }

        var target = Path.Combine(folder, ExportPlanner.FolderName(vm.Name));
        if (File.Exists(Path.Combine(target, VmPaths.ConfigFolderName, $"{vm.Id:D}.json")))
        {
            return $"'{folder}' already holds an export of this VM ('{target}'); choose another folder or remove that one.";
        }

        if (Directory.Exists(target) || File.Exists(target))
        {
            return $"'{folder}' already holds a folder named '{Path.GetFileName(target)}'; choose another folder.";
        }

        return null;
    }

    /// <summary>Writes and removes a probe file: the only test that also holds for root, read-only mounts and ACLs.</summary>
    private static string? WriteProblem(string folder)
    {
        var probe = Path.Combine(folder, $".hvweb-write-test-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            return e.Message;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
