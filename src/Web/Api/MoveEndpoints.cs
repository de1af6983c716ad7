using System.Security.Claims;
using HvWeb.Engine.Storage;
using HvWeb.Jobs;
using HvWeb.Jobs.Storage;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>
/// Move the virtual machine's storage: <c>POST /vms/{id}/move-storage/plan</c> (what goes where, or the
/// refusal) and <c>POST /vms/{id}/move-storage</c> (a job). Moving the VM to another host needs peer
/// hosts, which do not exist yet.
/// </summary>
public static class MoveEndpoints
{
    /// <summary>Why "Move the virtual machine" (to another host) is unavailable.</summary>
    public const string NoPeerHosts = "No other Hyper-V host is known to this console: live migration to another host needs peer hosts (not built yet).";

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/vms/{id:guid}/move-storage").WithTags("Move");
        group.MapPost("/plan", PlanAsync)
            .WithName("PlanMoveStorage").WithSummary("What a storage move will place where (each item with its bytes), after every check.")
            .WithDescription("Modes: allToOneFolder (folder), eachItemOwnFolder (configurationFolder, checkpointFolder, smartPagingFolder, diskFolders: disk path → folder), disksOnly (diskFolders). 400: a bad folder, files of this VM already at the destination, nothing to move; 409: the VM's state, not enough free space.")
            .Produces<IReadOnlyList<MoveItem>>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("", MoveAsync)
            .WithName("MoveStorage").WithSummary("Move the virtual machine's storage; a running VM keeps running (its disks are mirrored, then switched).")
            .WithDescription("Runs as a job: 202 Accepted with Location: /api/v1/jobs/{id}. The same checks as /plan run first. Old files are removed only after the switch; a cancelled move leaves the VM on its old files.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<MoveItem>>> PlanAsync(Guid id, MoveStorageRequest request, IStorageMoveService moves, CancellationToken cancellationToken) =>
        TypedResults.Ok(await moves.PlanMoveAsync(id, request, cancellationToken));

    private static async Task<Accepted<JobInfo>> MoveAsync(Guid id, MoveStorageRequest request, StorageJobs factory, IJobService jobs, ClaimsPrincipal user) =>
        JobResults.Accepted(await jobs.EnqueueAsync(factory.Move(id, request), JobUser.Of(user)));
}
