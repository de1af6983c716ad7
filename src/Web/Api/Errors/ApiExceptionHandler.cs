using Microsoft.AspNetCore.Diagnostics;

namespace HvWeb.Web.Api.Errors;

/// <summary>Writes every unhandled exception as problem details (see <see cref="ApiProblemMapper"/>) and logs it.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ApiProblemMapper.Map(exception);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var request = httpContext.Request;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "{Method} {Path} failed: {Detail}", request.Method, request.Path, problem.Detail);
        }
        else
        {
            logger.LogInformation("{Method} {Path} refused with {Status}: {Detail}", request.Method, request.Path, status, problem.Detail);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
