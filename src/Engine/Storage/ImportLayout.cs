using HvWeb.Engine.Host;

namespace HvWeb.Engine.Storage;

/// <summary>Where an imported VM's files go (Register in place: where they are).</summary>
/// <param name="VmFolder">The VM folder: configuration in "Virtual Machines", saved state and firmware in "Virtual Machines/&lt;ID&gt;".</param>
/// <param name="CheckpointFolder">Where the checkpoint records and memory states go.</param>
/// <param name="CheckpointFileLocation">The configuration's checkpoint file location: null when it is &lt;VM folder&gt;/Snapshots.</param>
public sealed record ImportLayout(string VmFolder, string DisksFolder, string CheckpointFolder, string? CheckpointFileLocation, string? SmartPagingFileLocation)
{
    /// <param name="defaultVmRoot">Hyper-V Settings' Virtual Machines folder.</param>
    /// <param name="defaultDisksFolder">Hyper-V Settings' Virtual Hard Disks folder (null: each VM's own).</param>
    public static ImportLayout Of(ImportSource source, ImportRequest request, string defaultVmRoot, string? defaultDisksFolder)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Type == ImportType.RegisterInPlace)
        {
            var snapshots = Path.Combine(source.VmFolder, VmPaths.SnapshotsFolderName);
            var smartPaging = source.Vm.SmartPagingFileLocation is { Length: > 0 } recorded ? ImportPaths.Resolve(recorded, source.VmFolder) : null;
            return new ImportLayout(source.VmFolder, Path.Combine(source.VmFolder, VmPaths.DisksFolderName), source.CheckpointFolder,
                source.CheckpointFolder == snapshots ? null : source.CheckpointFolder, smartPaging);
        }

        var vmFolder = Path.Combine(Full(request.VirtualMachineFolder) ?? defaultVmRoot, source.Vm.Name);
        var disks = Full(request.DisksFolder)
            ?? (request.VirtualMachineFolder is null && defaultDisksFolder is not null ? defaultDisksFolder : Path.Combine(vmFolder, VmPaths.DisksFolderName));
        var checkpoints = Full(request.CheckpointFolder);
        return new ImportLayout(vmFolder, disks, checkpoints ?? Path.Combine(vmFolder, VmPaths.SnapshotsFolderName), checkpoints, Full(request.SmartPagingFolder));
    }

    public string ConfigFile(Guid id) => Path.Combine(VmFolder, VmPaths.ConfigFolderName, $"{id:D}.json");

    public string RuntimeFolder(Guid id) => Path.Combine(VmFolder, VmPaths.ConfigFolderName, id.ToString("D"));

    private static string? Full(string? folder) => string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(folder);
}
