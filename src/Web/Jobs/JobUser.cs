using System.Security.Claims;

namespace HvWeb.Web.Jobs;

/// <summary>Who a job is recorded as started (or cancelled) by: the signed-in principal's name.</summary>
public static class JobUser
{
    public const string Unknown = "unknown";

    public static string Of(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Unknown;
}
