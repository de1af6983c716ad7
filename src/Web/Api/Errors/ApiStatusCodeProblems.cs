using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Api.Errors;

/// <summary>Bodies for API answers that the framework sends empty (unknown path, wrong method, media type).</summary>
public static class ApiStatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = new ProblemDetails { Status = status, Detail = Describe(status, http.Request) };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    public static string? Describe(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"There is nothing at {request.Path}; see /openapi/v1.json for the API's paths.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON (Content-Type: application/json).",
        _ => null,
    };
}
