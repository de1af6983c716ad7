using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>Hyper-V's Move Wizard, "Move the virtual machine's storage" options.</summary>
public enum MoveStorageMode
{
    /// <summary>Move all of the virtual machine's data to a single location (<see cref="MoveStorageRequest.Folder"/>).</summary>
    AllToOneFolder,

    /// <summary>Move the virtual machine's data to different locations: each disk and each item its own folder.</summary>
    EachItemOwnFolder,

    /// <summary>Move only the virtual machine's virtual hard disks (<see cref="MoveStorageRequest.DiskFolders"/>).</summary>
    DisksOnly,
}

/// <summary>The Move wizard's answers.</summary>
/// <param name="Folder">AllToOneFolder: the new VM folder (configuration in "Virtual Machines", disks in "Virtual Hard Disks", checkpoints in "Snapshots", as Hyper-V).</param>
/// <param name="DiskFolders">EachItemOwnFolder / DisksOnly: a disk's current path → its new folder (a disk not listed stays).</param>
/// <param name="ConfigurationFolder">EachItemOwnFolder: the new VM folder for the configuration (null = stays).</param>
/// <param name="CheckpointFolder">EachItemOwnFolder: new checkpoint file location (null = stays).</param>
/// <param name="SmartPagingFolder">EachItemOwnFolder: new smart paging location (null = stays).</param>
public sealed record MoveStorageRequest(
    MoveStorageMode Mode,
    string? Folder = null,
    IReadOnlyDictionary<string, string>? DiskFolders = null,
    string? ConfigurationFolder = null,
    string? CheckpointFolder = null,
    string? SmartPagingFolder = null);

/// <summary>One item the move will place (for the wizard's summary).</summary>
public sealed record MoveItem(string What, string From, string To, long Bytes);

/// <summary>
/// Move the virtual machine's storage. A running VM keeps running (disks mirrored, then switched);
/// an off VM is a file move. Old files are removed only after the switch succeeded. Refusals:
/// <see cref="Errors.VmValidationException"/> (field → sentences), <see cref="Errors.VmStateException"/>
/// (state, space, destination holds the files already), <see cref="Errors.VmNotFoundException"/>.
/// </summary>
public interface IStorageMoveService
{
    /// <summary>The checks that need only "does it exist / is it writable" (as you type).</summary>
    IReadOnlyDictionary<string, string[]> CheckMove(Guid vmId, MoveStorageRequest request);

    /// <summary>What will go where (the wizard's summary); also runs <see cref="CheckMove"/> and throws its refusals.</summary>
    Task<IReadOnlyList<MoveItem>> PlanMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken);

    /// <summary>Every check before anything is written (free space, nothing to move, state).</summary>
    Task ValidateMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken);

    /// <summary>A cancelled or failed move leaves the VM on its old files, running as before; new copies are removed.</summary>
    Task MoveAsync(Guid vmId, MoveStorageRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken);
}
