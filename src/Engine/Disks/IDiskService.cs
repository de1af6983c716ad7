using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Disks;

/// <summary>
/// Virtual hard disks outside a VM: New Virtual Hard Disk, Inspect Disk and Edit Disk (Compact,
/// Convert, Expand, Shrink, Merge, Reconnect), all through qemu-img. Refusals:
/// <see cref="Errors.VmValidationException"/> (bad input, field → sentences),
/// <see cref="Errors.VmStateException"/> (the disk is in use, not enough free space),
/// <see cref="Errors.VmOperationException"/> (qemu-img failed, in its own words).
/// </summary>
public interface IDiskService
{
    /// <summary>The rules that need no disk access beyond "does it exist" (the wizard checks as you type).</summary>
    IReadOnlyDictionary<string, string[]> CheckCreate(NewDiskRequest request);

    /// <summary>The rules for an action's own fields, against the disk as inspected.</summary>
    IReadOnlyDictionary<string, string[]> CheckEdit(EditDiskRequest request, DiskDetails disk);

    Task<DiskDetails> InspectAsync(string path, CancellationToken cancellationToken);

    /// <summary>Every check of <see cref="CreateAsync"/> before anything is written (sizes of the source or parent, free space).</summary>
    Task ValidateCreateAsync(NewDiskRequest request, CancellationToken cancellationToken);

    /// <summary>Every check of <see cref="EditAsync"/> before anything is written (in use, applies to this disk, free space).</summary>
    Task ValidateEditAsync(EditDiskRequest request, CancellationToken cancellationToken);

    /// <summary>Writes "&lt;name&gt;.partial" and renames it on success; a failed or cancelled create leaves nothing.</summary>
    Task CreateAsync(NewDiskRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken);

    /// <summary>Each action writes a new file (or changes the disk only when qemu-img has finished); the source is never lost.</summary>
    Task EditAsync(EditDiskRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken);
}
