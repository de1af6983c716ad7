using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The Move wizard's answers read against a VM: the new VM folder, checkpoint and smart paging
/// locations and each disk's folder, with a sentence for each bad field. Pure.
/// </summary>
internal sealed class MoveTargets
{
    private readonly Dictionary<string, string> _disks = new(StringComparer.Ordinal);
    private string? _allDisks;
    private string? _folder;
    private string? _checkpoints;
    private bool _checkpointsChosen;
    private string? _smartPaging;
    private bool _smartPagingChosen;

    /// <summary>The new folder of a disk (its chain goes with it), or null when it stays.</summary>
    public string? DiskFolder(string diskPath) => _allDisks ?? (_disks.TryGetValue(diskPath, out var folder) ? folder : null);

    public VmDefinition Apply(VmDefinition vm)
    {
        var folder = _folder ?? vm.Folder;
        var checkpoints = vm.CheckpointFileLocation;
        if (_checkpointsChosen)
        {
            checkpoints = _checkpoints;
        }
        else if (folder != vm.Folder && checkpoints is null)
        {
            // "Stays": the checkpoints keep their folder even though the VM folder moves.
            checkpoints = CheckpointStore.Folder(vm);
        }

        return vm with
        {
            Folder = folder,
            CheckpointFileLocation = checkpoints,
            SmartPagingFileLocation = _smartPagingChosen ? _smartPaging : vm.SmartPagingFileLocation,
        };
    }

    public static MoveTargets Read(VmDefinition vm, MoveStorageRequest request, Dictionary<string, List<string>> errors)
    {
        var targets = new MoveTargets();
        switch (request.Mode)
        {
            case MoveStorageMode.AllToOneFolder:
                if (Folder(request.Folder, "folder", "The folder for the virtual machine", errors, required: true) is { } all)
                {
                    targets._folder = all;
                    targets._allDisks = Path.Combine(all, VmPaths.DisksFolderName);
                    targets._checkpointsChosen = true;
                    targets._smartPagingChosen = true;
                }

                break;
            case MoveStorageMode.EachItemOwnFolder:
                targets._folder = Folder(request.ConfigurationFolder, "configurationFolder", "The folder for the virtual machine's configuration", errors);
                if (Folder(request.CheckpointFolder, "checkpointFolder", "The folder for the checkpoints", errors) is { } checkpoints)
                {
                    targets._checkpoints = checkpoints;
                    targets._checkpointsChosen = true;
                }

                if (Folder(request.SmartPagingFolder, "smartPagingFolder", "The folder for the smart paging file", errors) is { } paging)
                {
                    targets._smartPaging = paging;
                    targets._smartPagingChosen = true;
                }

                targets.ReadDisks(vm, request, errors);
                break;
            case MoveStorageMode.DisksOnly:
                targets.ReadDisks(vm, request, errors);
                if (request.DiskFolders is not { Count: > 0 })
                {
                    MoveLayout.Add(errors, "diskFolders", "Choose a folder for at least one virtual hard disk.");
                }

                break;
            default:
                MoveLayout.Add(errors, "mode", $"Unknown move type '{request.Mode}'.");
                break;
        }

        return targets;
    }

    private void ReadDisks(VmDefinition vm, MoveStorageRequest request, Dictionary<string, List<string>> errors)
    {
        var disks = vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!).ToHashSet(StringComparer.Ordinal);
        foreach (var (disk, folder) in request.DiskFolders ?? new Dictionary<string, string>())
        {
            if (!disks.Contains(disk))
            {
                MoveLayout.Add(errors, "diskFolders", $"'{disk}' is not a virtual hard disk of VM '{vm.Name}'.");
                continue;
            }

            if (Folder(folder, MoveLayout.DiskField(disk), $"The folder for '{Path.GetFileName(disk)}'", errors, required: true) is { } chosen)
            {
                _disks[disk] = chosen;
            }
        }
    }

    /// <summary>An absolute folder, normalised (no trailing slash), or null when empty or refused.</summary>
    internal static string? Folder(string? value, string field, string what, Dictionary<string, List<string>> errors, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                MoveLayout.Add(errors, field, $"{what} is required.");
            }

            return null;
        }

        var text = value.Trim();
        if (!Path.IsPathFullyQualified(text))
        {
            MoveLayout.Add(errors, field, $"{what} must be an absolute path (starting with /), e.g. /srv/vms; '{text}' is not.");
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            MoveLayout.Add(errors, field, $"{what} contains a character a path cannot hold.");
            return null;
        }

        var full = Path.GetFullPath(text);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
