using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Export Virtual Machine: writes <c>&lt;DestinationFolder&gt;/&lt;VM name&gt;/</c> with Hyper-V's
/// <c>Virtual Machines</c>, <c>Virtual Hard Disks</c> and <c>Snapshots</c> folders.
/// </summary>
/// <param name="DestinationFolder">Absolute folder; the export goes into a new sub-folder named after the VM.</param>
/// <param name="DisksAsVhdx">Write the disks as VHDX (each flattened: the checkpoints' chain is then not exported, see docs/storage.md).</param>
/// <param name="CheckpointId">Export only this checkpoint, as a VM of its own (its settings and frozen disks, no checkpoints); null = the VM with its checkpoints.</param>
public sealed record ExportRequest(string DestinationFolder, bool DisksAsVhdx = false, Guid? CheckpointId = null);

/// <summary>What an export wrote.</summary>
/// <param name="Folder">&lt;destination&gt;/&lt;VM name&gt;.</param>
/// <param name="ConfigFile">The exported configuration (<c>Virtual Machines/&lt;ID&gt;.json</c>), the file Import locates.</param>
public sealed record ExportResult(string Folder, string ConfigFile, long Bytes);

/// <summary>
/// Export of a Running (a consistent point in time of all its disks; the VM keeps running), Paused,
/// Saved or Off VM. Nothing changes on the source VM. Refusals: <see cref="Errors.VmValidationException"/>
/// (field → sentences), <see cref="Errors.VmStateException"/> (state, space, existing folder),
/// <see cref="Errors.VmNotFoundException"/>, <see cref="Checkpoints.CheckpointNotFoundException"/>.
/// </summary>
public interface IExportService
{
    /// <summary>The checks that need only the file system's "does it exist / is it writable" (as you type).</summary>
    /// <exception cref="Errors.VmNotFoundException">unknown VM.</exception>
    IReadOnlyDictionary<string, string[]> CheckExport(Guid vmId, ExportRequest request);

    /// <summary>Every check of <see cref="ExportAsync"/> before anything is written (free space for the disks, the folder does not hold this VM yet).</summary>
    Task ValidateExportAsync(Guid vmId, ExportRequest request, CancellationToken cancellationToken);

    /// <summary>A cancelled or failed export removes what it wrote; the source VM is as before.</summary>
    Task<ExportResult> ExportAsync(Guid vmId, ExportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken);
}
