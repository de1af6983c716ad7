using System.Text.Json;
using HvWeb.Web.Api;
using Microsoft.AspNetCore.Http.Json;

namespace HvWeb.Tests.Unit.Web.Api;

/// <summary>The serializer options the API really uses.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = ApiServiceCollectionExtensions.ConfigureJson(new JsonOptions()).SerializerOptions;

    public static JsonException ReadFails<T>(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json, Options));
}
