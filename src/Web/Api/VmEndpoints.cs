using System.Security.Claims;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Web.Api.Contracts;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>The VM inventory: list, create, read, change, delete, screenshot.</summary>
public static class VmEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var vms = api.MapGroup("/vms").WithTags("Virtual machines");

        vms.MapGet("/", List).WithName("ListVms");
        vms.MapPost("/", CreateAsync).WithName("CreateVm")
            .WithSummary("New Virtual Machine (a job).")
            .WithDescription("Every create runs as a job (kind create-vm), whether it writes a fixed disk for minutes, copies a "
                + "disk or makes none, so that clients handle one answer: 202 Accepted with Location: /api/v1/jobs/{id} and the job. "
                + "The new VM's ID is the job's vmId once it has Succeeded; a cancelled or failed create leaves nothing behind. "
                + "Invalid input is refused at once with 400, before a job exists.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        vms.MapGet("/{id:guid}", Get).WithName("GetVm")
            .ProducesProblem(StatusCodes.Status404NotFound);
        vms.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateVm")
            .WithSummary("Settings: changes the fields given (null or absent = unchanged; \"\" = none for optional names and paths; lists replace the whole list).")
            .WithDescription("Every field of the Settings dialog. Invalid input is refused with 400 and every field's problems at once "
                + "(errors: field → sentences, e.g. \"networkAdapters[0].vlanId\"). While the VM is not Off, what Hyper-V allows is applied "
                + "to it at once (dynamic memory buffer and weight, lowering the minimum or raising the maximum, processor reserve / limit / weight, "
                + "DVD media, SCSI hard disks by hot-plug, connecting or disconnecting a network adapter, name, notes, automatic actions, "
                + "integration services, checkpoint settings); anything else is refused with 409 and Hyper-V's reason. Nothing is half-applied.")
            .Produces<VmDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        vms.MapPost("/{id:guid}/upgrade-version", UpgradeVersionAsync).WithName("UpgradeVmVersion")
            .WithTags("Virtual machines")
            .WithSummary("Upgrade Configuration Version: to this host's highest version. One-way: the VM can no longer run on hosts that support only its old version.")
            .WithDescription("Only when the VM is Off (409 otherwise); 400 when it already has the highest version.")
            .Produces<VmDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        vms.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteVm")
            .WithSummary("Removes an Off or Saved VM; its disks stay unless deleteDisks=true.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        vms.MapGet("/{id:guid}/screenshot", ScreenshotAsync).WithName("GetVmScreenshot")
            .WithSummary("PNG of the VM's screen (Running or Paused).")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Ok<VmDto[]> List(IVmManager vms) =>
        TypedResults.Ok(vms.List().Select(VmDto.From).ToArray());

    private static Ok<VmDto> Get(Guid id, IVmManager vms) => TypedResults.Ok(VmDto.From(vms.Get(id)));

    // Changes run to the end even when the client goes away, hence no request cancellation token.
    private static async Task<Accepted<JobInfo>> CreateAsync(VmCreateRequest request, VmActionRunner runner, ClaimsPrincipal user) =>
        JobResults.Accepted(await runner.CreateAsync(request, JobUser.Of(user)));

    private static async Task<Ok<VmDto>> UpdateAsync(Guid id, VmUpdateRequest request, IVmManager vms, VmActionRunner runner)
    {
        runner.ThrowIfLocked(id);
        return TypedResults.Ok(VmDto.From(await vms.UpdateAsync(id, request)));
    }

    private static async Task<Ok<VmDto>> UpgradeVersionAsync(Guid id, IVmManager vms, VmActionRunner runner)
    {
        runner.ThrowIfLocked(id);
        return TypedResults.Ok(VmDto.From(await vms.UpgradeConfigurationVersionAsync(id)));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, IVmManager vms, VmActionRunner runner, bool deleteDisks = false)
    {
        runner.ThrowIfLocked(id);
        await vms.DeleteAsync(id, deleteDisks);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> ScreenshotAsync(Guid id, IVmManager vms, CancellationToken cancellationToken) =>
        TypedResults.File(await vms.ScreenshotPngAsync(id, cancellationToken), "image/png");
}
