using System.Text.Json.Nodes;
using HvWeb.Engine.Model;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HvWeb.Web.Api.Json;

/// <summary>Describes generation as the integer 1 or 2 in the OpenAPI document (it has its own converter).</summary>
public sealed class VmGenerationSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(VmGeneration))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Enum = [JsonValue.Create(1), JsonValue.Create(2)];
        }

        return Task.CompletedTask;
    }
}
