using System.Security.Claims;
using HvWeb.Engine.Storage;
using HvWeb.Jobs;
using HvWeb.Jobs.Storage;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>POST /import/locate: Locate Folder's body.</summary>
public sealed record LocateImportRequest(string? Folder);

/// <summary>
/// Import Virtual Machine: POST /import/locate (the VMs in a folder), POST /import/compare (Hyper-V's
/// Compare-VM report, nothing written), POST /import (a job, kind import-vm; 409 with the unresolved
/// fix-ups before any job).
/// </summary>
public static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/import").WithTags("Import");
        group.MapPost("/locate", (LocateImportRequest body, IImportService imports) => TypedResults.Ok(imports.Locate(body.Folder ?? "")))
            .WithName("LocateImport")
            .WithSummary("Locate Folder: the virtual machines in a folder, newest first.")
            .WithDescription("folder: an export folder (a folder per VM, each with \"Virtual Machines/<ID>.json\"), a VM folder, or its \"Virtual Machines\" folder; "
                + "absolute. 400 (field folder) when it is missing, relative, not a folder, or holds no VM.")
            .Produces<IReadOnlyList<ImportCandidate>>()
            .ProducesValidationProblem();
        group.MapPost("/compare", (ImportRequest request, IImportService imports, CancellationToken cancellationToken) => CompareAsync(request, imports, cancellationToken))
            .WithName("CompareImport")
            .WithSummary("Compare-VM: the fix-ups of an import before anything is written.")
            .WithDescription("Fix-ups: MissingSwitch (resolve with switchChoices[adapter ID] = a switch name or \"\" for Not Connected; choices lists them), "
                + "MissingDisk (resolve with diskLocations[recorded path] = where the file is now; \"\" leaves a DVD or diskette drive empty), IdInUse (choose Copy "
                + "or delete the other VM), UnsupportedVersion, Blocked (destination not writable, already holds the files, not enough free space). "
                + "canImport is true when every fix-up is resolved. Paths must be absolute (400 with the field named).")
            .Produces<ImportReport>()
            .ProducesValidationProblem();
        group.MapPost("/", ImportAsync)
            .WithName("ImportVm")
            .WithSummary("Import Virtual Machine (a job, kind import-vm): Register in place, Restore (copy, same ID) or Copy (new ID).")
            .WithDescription("202 Accepted with Location: /api/v1/jobs/{id}; the imported VM's ID is the job's result (GET /vms). Before any job: 400 for invalid input "
                + "(field errors), 409 when a fix-up is unresolved (the problem's fixUps lists them, as POST /import/compare). A cancelled or failed job registers "
                + "nothing and removes what it copied.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<ImportReport>> CompareAsync(ImportRequest request, IImportService imports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await imports.CompareAsync(request, cancellationToken));

    // The job runs to the end even when the client goes away, hence no request cancellation token for it.
    private static async Task<Results<Accepted<JobInfo>, ProblemHttpResult>> ImportAsync(
        ImportRequest request, IImportService imports, IJobService jobs, StorageJobs factory, ClaimsPrincipal user)
    {
        var report = await imports.CompareAsync(request, CancellationToken.None);
        var unresolved = report.FixUps.Where(f => !f.Resolved).ToList();
        if (unresolved.Count > 0)
        {
            return TypedResults.Problem(
                detail: string.Join(" ", unresolved.Select(f => f.Message)),
                statusCode: StatusCodes.Status409Conflict,
                title: "The import needs fix-ups first.",
                extensions: new Dictionary<string, object?>
                {
                    ["fixUps"] = unresolved.Select(f => new { kind = f.Kind.ToString(), key = f.Key, message = f.Message, choices = f.Choices }).ToList(),
                });
        }

        return JobResults.Accepted(await jobs.EnqueueAsync(factory.Import(request, report.Vm.Name), JobUser.Of(user)));
    }
}
