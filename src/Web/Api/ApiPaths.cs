namespace HvWeb.Web.Api;

public static class ApiPaths
{
    public const string Prefix = "/api/v1";

    /// <summary>Requests answered with JSON and status codes, never with a redirect to the login page.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");
}
