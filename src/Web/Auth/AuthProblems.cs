using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Auth;

/// <summary>401 / 403 answers of the API as problem details.</summary>
public static class AuthProblems
{
    public static string MissingCredentialsDetail(AdminToken token) =>
        $"Sign in first: send the header 'Authorization: Bearer <token>' with the admin token from {token.Source}.";

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status401Unauthorized ? "Authentication required." : "Access denied.",
            Detail = detail,
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
