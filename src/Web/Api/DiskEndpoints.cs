using System.Security.Claims;
using HvWeb.Engine.Disks;
using HvWeb.Jobs;
using HvWeb.Jobs.Disks;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>
/// Virtual hard disks: POST /disks (New Virtual Hard Disk) and POST /disks/{compact | convert |
/// expand | shrink | merge | reconnect} (Edit Disk) → 202 with the job; GET /disks/inspect?path=.
/// </summary>
public static class DiskEndpoints
{
    /// <summary>The body of an Edit Disk action (the action is in the URL).</summary>
    public sealed record DiskEditBody
    {
        public string Path { get; init; } = "";
        public string? DestinationPath { get; init; }
        public DiskFormat? Format { get; init; }
        public VirtualDiskType? Type { get; init; }
        public long? NewSizeBytes { get; init; }
        public string? ParentPath { get; init; }
    }

    private static readonly Dictionary<DiskAction, string> Descriptions = new()
    {
        [DiskAction.Compact] = "Compact: a dynamically expanding or differencing disk is copied into a new file of the same format (qemu-img convert; "
            + "a differencing disk keeps its parent) that replaces the disk only after the copy succeeded. Needs free space for the copy.",
        [DiskAction.Convert] = "Convert: into a new file (destinationPath) of the given format (Vhdx, Vhd, Qcow2) and type (Fixed or Dynamic); the source stays.",
        [DiskAction.Expand] = "Expand: to newSizeBytes (larger than the current maximum size; VHD ≤ 2040 GiB, VHDX and qcow2 ≤ 64 TiB). qcow2 with qemu-img resize; "
            + "VHDX and VHD (which qemu-img cannot resize) by copying into a new larger disk that then replaces the disk.",
        [DiskAction.Shrink] = "Shrink: qcow2 only (qemu-img resize --shrink), never below the end of the data the disk holds; VHDX and VHD are refused with the reason.",
        [DiskAction.Merge] = "Merge a differencing disk: into its parent (no destinationPath; qemu-img commit, not cancellable) or into a new disk "
            + "(destinationPath, its format from the extension, type Fixed or Dynamic; the chain stays).",
        [DiskAction.Reconnect] = "Reconnect a differencing disk to its moved parent (parentPath): qemu-img rebase -u, after checking that the parent is not larger than the disk.",
    };

    public static void Map(IEndpointRouteBuilder api)
    {
        var disks = api.MapGroup("/disks").WithTags("Virtual hard disks");
        disks.MapPost("/", CreateAsync).WithName("CreateDisk")
            .WithSummary("New Virtual Hard Disk (a job, kind create-disk).")
            .WithDescription("Format Vhdx, Vhd or Qcow2; type Fixed, Dynamic or Differencing (qcow2 only: QEMU cannot write VHDX or VHD differencing disks; "
                + "the parent may be any format). sizeBytes (whole MiB; VHD ≤ 2040 GiB, VHDX and qcow2 ≤ 64 TiB), or copyFromPath to copy an existing disk, "
                + "or parentPath for a differencing disk. 202 Accepted with Location: /api/v1/jobs/{id}; invalid input 400 with field errors; "
                + "a source disk in use or too little free space 409. A cancelled or failed job leaves no file.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        disks.MapGet("/inspect", InspectAsync).WithName("InspectDisk")
            .WithSummary("Inspect Disk: format, type, file location, current file size, maximum size, parent chain, and which Edit Disk actions apply (with the reason when not).")
            .Produces<DiskDetails>()
            .ProducesValidationProblem();
        foreach (var action in Enum.GetValues<DiskAction>())
        {
            disks.MapPost("/" + action.ToString().ToLowerInvariant(),
                    (DiskEditBody body, IJobService jobs, DiskJobFactory factory, ClaimsPrincipal user) => EditAsync(action, body, jobs, factory, user))
                .WithName($"{action}Disk")
                .WithSummary($"Edit Disk: {action} (a job, kind {EditDiskJob.KindOf(action)}).")
                .WithDescription(Descriptions[action] + " 202 Accepted with Location: /api/v1/jobs/{id}. Invalid input or an action that does not apply "
                    + "to this disk: 400 with field errors. The disk in use by a Running, Paused or Saved VM, or too little free space: 409, before anything is written.")
                .Produces<JobInfo>(StatusCodes.Status202Accepted)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    // Jobs run to the end even when the client goes away, hence no request cancellation token for them.
    private static async Task<Accepted<JobInfo>> CreateAsync(NewDiskRequest request, IJobService jobs, DiskJobFactory factory, ClaimsPrincipal user) =>
        JobResults.Accepted(await jobs.EnqueueAsync(factory.Create(request), JobUser.Of(user)));

    private static async Task<Ok<DiskDetails>> InspectAsync(string? path, IDiskService disks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await disks.InspectAsync(path ?? "", cancellationToken));

    private static async Task<Accepted<JobInfo>> EditAsync(DiskAction action, DiskEditBody body, IJobService jobs, DiskJobFactory factory, ClaimsPrincipal user)
    {
        var request = new EditDiskRequest
        {
            Path = body.Path,
            Action = action,
            DestinationPath = body.DestinationPath,
            Format = body.Format,
            Type = body.Type,
            NewSizeBytes = body.NewSizeBytes,
            ParentPath = body.ParentPath,
        };
        return JobResults.Accepted(await jobs.EnqueueAsync(factory.Edit(request), JobUser.Of(user)));
    }
}
