using System.Security.Claims;
using HvWeb.Web.Auth;
using HvWeb.Web.Display;
using Microsoft.AspNetCore.Authorization;

namespace HvWeb.Tests.Unit.Display;

public sealed class VmDisplayAuthorizationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Administrator_ViewAndControl_Allowed(bool control)
    {
        Assert.True(await AuthorizeAsync(AdminPrincipal.Create("test"), control));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignedInWithoutRole_ViewAndControl_Refused(bool control)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "student")], "test"));

        Assert.False(await AuthorizeAsync(user, control));
    }

    [Fact]
    public async Task Anonymous_Refused()
    {
        Assert.False(await AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), control: false));
    }

    private static async Task<bool> AuthorizeAsync(ClaimsPrincipal user, bool control)
    {
        var requirement = new VmDisplayRequirement(control);
        var context = new AuthorizationHandlerContext([requirement], user, Guid.NewGuid());
        await new VmDisplayAuthorizationHandler().HandleAsync(context);
        return context.HasSucceeded;
    }
}
