using HvWeb.Web.Api.Jobs;

namespace HvWeb.Web.Api;

public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>/api/v1 (REST), /health, /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapHvApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        HealthEndpoints.Map(endpoints);

        var api = endpoints.MapGroup(ApiPaths.Prefix)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        HealthEndpoints.Map(api);
        HostEndpoints.Map(api);
        HostSettingsEndpoints.Map(api);
        SwitchEndpoints.Map(api);
        PreferenceEndpoints.Map(api);
        VmEndpoints.Map(api);
        VmActionEndpoints.Map(api);
        CheckpointEndpoints.Map(api);
        ExportEndpoints.Map(api);
        MoveEndpoints.Map(api);
        DiskEndpoints.Map(api);
        ImportEndpoints.Map(api);
        EventEndpoints.Map(api);
        JobEndpoints.Map(api);
        return endpoints;
    }
}
