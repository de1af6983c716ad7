using HvWeb.Display;
using HvWeb.Engine.Errors;
using HvWeb.Web.Api;
using Microsoft.AspNetCore.Authorization;

namespace HvWeb.Web.Display;

/// <summary>GET /api/v1/vms/{id}/thumbnail?width=160 → a small JPEG of the VM's screen (Running or Paused).</summary>
public static class ThumbnailEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ApiPaths.Prefix + "/vms/{id:guid}/thumbnail", GetAsync)
            .WithName("GetVmThumbnail")
            .WithTags("Virtual machines")
            .WithSummary("A small JPEG of the VM's screen (Running or Paused), refreshed at most about once a second.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> GetAsync(Guid id, int? width, HttpContext context, VmThumbnails thumbnails, IAuthorizationService authorization)
    {
        if (!(await authorization.AuthorizeAsync(context.User, id, DisplayPolicies.View)).Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: "You may not view this VM's screen.");
        }

        try
        {
            var jpeg = await thumbnails.GetAsync(id, width ?? 160, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(jpeg, "image/jpeg");
        }
        catch (DisplayClosedException e)
        {
            throw new VmStateException(e.Message, HvWeb.Engine.Model.VmState.Off);
        }
    }
}
