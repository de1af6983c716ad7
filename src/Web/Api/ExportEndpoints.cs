using System.Security.Claims;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Storage;
using HvWeb.Jobs;
using HvWeb.Jobs.Storage;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>POST /vms/{id}/export: Export Virtual Machine as a job (see docs/storage.md).</summary>
public static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGroup("/vms/{id:guid}").WithTags("Export, import and move")
            .MapPost("/export", ExportAsync)
            .WithName("ExportVm")
            .WithSummary("Export the VM (or one of its checkpoints) to <destinationFolder>/<VM name>/ with Hyper-V's Virtual Machines, Virtual Hard Disks and Snapshots folders.")
            .WithDescription("Runs as a job: 202 Accepted with Location: /api/v1/jobs/{id}. A running VM keeps running (its disks are taken at one point in time). "
                + "disksAsVhdx writes each disk flattened into a .vhdx (no checkpoints, no saved state: QEMU cannot write VHDX differencing disks). "
                + "checkpointId exports that checkpoint as a VM of its own. 400: the destination is not absolute, not writable, or already holds a folder named after the VM; "
                + "404: unknown VM or checkpoint; 409: the VM's state, another operation, or not enough free space.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Accepted<JobInfo>> ExportAsync(Guid id, ExportRequest request, IExportService exports, StorageJobs factory, IJobService jobs, ClaimsPrincipal user)
    {
        var errors = exports.CheckExport(id, request);
        if (errors.Count > 0)
        {
            if (request.CheckpointId is { } cid && errors.Count == 1 && errors.ContainsKey("checkpointId"))
            {
                throw new Engine.Checkpoints.CheckpointNotFoundException(id, cid);
            }

            throw new VmValidationException(errors);
        }

        return JobResults.Accepted(await jobs.EnqueueAsync(factory.Export(id, request), JobUser.Of(user)));
    }
}
