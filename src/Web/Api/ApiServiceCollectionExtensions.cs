using System.Text.Json.Serialization;
using HvWeb.Web.Api.Errors;
using HvWeb.Web.Api.Json;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace HvWeb.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// JSON (camelCase, enums as names, generation as 1 | 2), problem details, OpenAPI, health, and
    /// the <see cref="VmActionRunner"/> that the API and the pages share.
    /// </summary>
    public static IServiceCollection AddHvWebApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Let bad bodies and parameters reach ApiExceptionHandler instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddHealthChecks();
        services.AddSingleton<VmActionRunner>();
        services.AddHvHostSettings();
        services.AddOpenApi(options => options.AddSchemaTransformer<VmGenerationSchemaTransformer>());
        return services;
    }

    public static JsonOptions ConfigureJson(JsonOptions options)
    {
        options.SerializerOptions.Converters.Add(new VmGenerationJsonConverter());
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
