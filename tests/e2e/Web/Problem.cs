using System.Net;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>Reads an RFC 7807 answer and checks its status.</summary>
public static class Problem
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "A problem must say what went wrong.");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }
}
