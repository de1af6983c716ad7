using HvWeb.Engine.Vms;
using HvWeb.Web.Api.Contracts;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>POST /vms/{id}/start | turn-off | shut-down | save | pause | resume | reset → 200 with the VM afterwards.</summary>
public static class VmActionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        foreach (var action in Enum.GetValues<VmAction>())
        {
            api.MapPost($"/vms/{{id:guid}}/{VmActions.Slug(action)}", (Guid id, IVmManager vms) => RunAsync(id, action, vms))
                .WithName($"{action}Vm")
                .WithTags("Virtual machines")
                .WithSummary(VmActions.Label(action) + ".")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Ok<VmDto>> RunAsync(Guid id, VmAction action, IVmManager vms)
    {
        await VmActions.RunAsync(vms, id, action);
        return TypedResults.Ok(VmDto.From(vms.Get(id)));
    }
}
