using HvWeb.Web.Api.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HvWeb.Web.Api;

public static class HealthEndpoints
{
    /// <summary>GET health, anonymous: 200 {status:"Healthy"} or 503 with the status.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", GetAsync)
            .AllowAnonymous()
            .WithTags("Host")
            .Produces<HealthDto>()
            .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> GetAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var body = new HealthDto(report.Status.ToString());
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}
