using HvWeb.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace HvWeb.Web.Display;

/// <summary>
/// Decides per VM who may watch and control its screen. Today the host has one role, its
/// administrator, who may do both on every VM; per-VM rights (a student and their lab's VMs)
/// arrive with the training-room roles and go here.
/// </summary>
public sealed class VmDisplayAuthorizationHandler : AuthorizationHandler<VmDisplayRequirement, Guid>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, VmDisplayRequirement requirement, Guid resource)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.IsInRole(AuthSchemes.AdministratorRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
