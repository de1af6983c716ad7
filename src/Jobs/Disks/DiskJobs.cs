using HvWeb.Engine.Disks;
using HvWeb.Jobs.Vms;

namespace HvWeb.Jobs.Disks;

/// <summary>
/// New Virtual Hard Disk as a job (kind "create-disk"): qemu-img's own progress for a copy, the
/// file's growth for a fixed qcow2. A cancelled or failed create leaves no file.
/// </summary>
public sealed class CreateDiskJob(IDiskService disks, NewDiskRequest request) : IJob
{
    public const string JobKind = "create-disk";

    public string Kind => JobKind;

    public string Description => $"Create virtual hard disk '{request.Path}'";

    public Guid? VmId => null;

    public string? VmName => null;

    public bool CanCancel => true;

    public JobWording Wording { get; } = new("Creating", "being created", "creation");

    public NewDiskRequest Request => request;

    public Task ValidateAsync(CancellationToken cancellationToken) => disks.ValidateCreateAsync(request, cancellationToken);

    public async Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        await disks.CreateAsync(request, new VmJobProgress(progress), cancellationToken).ConfigureAwait(false);
        progress.Report(new JobProgress(100, "Created", $"The virtual hard disk '{request.Path}' was created."));
    }
}

/// <summary>
/// One Edit Disk action as a job (kinds "compact-disk", "convert-disk", "expand-disk",
/// "shrink-disk", "merge-disk", "reconnect-disk"), refused before it is queued when the disk is in
/// use, the action does not apply or space is short.
/// </summary>
public sealed class EditDiskJob(IDiskService disks, EditDiskRequest request) : IJob
{
    public string Kind => KindOf(request.Action);

    public static string KindOf(DiskAction action) => action.ToString().ToLowerInvariant() + "-disk";

    public string Description => request.Action switch
    {
        DiskAction.Convert => $"Convert virtual hard disk '{request.Path}' to '{request.DestinationPath}'",
        DiskAction.Merge when request.DestinationPath is not null => $"Merge virtual hard disk '{request.Path}' into '{request.DestinationPath}'",
        DiskAction.Merge => $"Merge virtual hard disk '{request.Path}' into its parent",
        DiskAction.Reconnect => $"Reconnect virtual hard disk '{request.Path}' to '{request.ParentPath}'",
        _ => $"{request.Action} virtual hard disk '{request.Path}'",
    };

    public Guid? VmId => null;

    public string? VmName => null;

    /// <summary>
    /// Everything but merging into the parent writes a new file until the end (cancel removes it);
    /// a commit into the parent cannot be taken back halfway, so it is not cancelled.
    /// </summary>
    public bool CanCancel => !(request.Action == DiskAction.Merge && request.DestinationPath is null);

    public EditDiskRequest Request => request;

    public JobWording Wording => new("Editing", "being edited", "edit");

    public Task ValidateAsync(CancellationToken cancellationToken) => disks.ValidateEditAsync(request, cancellationToken);

    public async Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        await disks.EditAsync(request, new VmJobProgress(progress), cancellationToken).ConfigureAwait(false);
        progress.Report(new JobProgress(100, "Done", $"{request.Action} of '{request.Path}' finished."));
    }
}

/// <summary>Makes the disk jobs for the API and the pages: <c>await jobs.EnqueueAsync(diskJobs.Edit(request), user)</c>.</summary>
public sealed class DiskJobFactory(IDiskService disks)
{
    public IJob Create(NewDiskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CreateDiskJob(disks, request);
    }

    public IJob Edit(EditDiskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new EditDiskJob(disks, request);
    }
}
