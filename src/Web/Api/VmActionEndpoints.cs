using System.Security.Claims;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Web.Api.Contracts;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;

namespace HvWeb.Web.Api;

/// <summary>
/// POST /vms/{id}/start | save → 202 with the job (Location: /api/v1/jobs/{id});
/// POST /vms/{id}/turn-off | shut-down | pause | resume | reset → 200 with the VM afterwards.
/// </summary>
public static class VmActionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var action in Enum.GetValues<VmAction>())
        {
            var endpoint = api.MapPost($"/vms/{{id:guid}}/{VmActions.Slug(action)}",
                    (Guid id, VmActionRunner runner, IVmManager vms, ClaimsPrincipal user) => RunAsync(id, action, runner, vms, user))
                .WithName($"{action}Vm")
                .WithTags("Virtual machines")
                .WithSummary(VmActions.Label(action) + ".")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
            if (VmActionRunner.RunsAsJob(action))
            {
                endpoint.Produces<JobInfo>(StatusCodes.Status202Accepted)
                    .WithDescription("Runs as a job: 202 Accepted with Location: /api/v1/jobs/{id}; follow the job until it ends. "
                        + "A wrong state, or another job holding the VM, is refused at once with 409.");
            }
            else
            {
                endpoint.Produces<VmDto>()
                    .WithDescription("Done when the answer comes (200 with the VM). Refused with 409 while a job holds the VM.");
            }
        }
    }

    // Runs to the end even when the client goes away, hence no request cancellation token.
    private static async Task<IResult> RunAsync(Guid id, VmAction action, VmActionRunner runner, IVmManager vms, ClaimsPrincipal user) =>
        await runner.RunAsync(id, action, JobUser.Of(user)) is { } job
            ? JobResults.Accepted(job)
            : TypedResults.Ok(VmDto.From(vms.Get(id)));
}
