using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

[Collection(HvWebCollection.Name)]
public sealed class ApiAuthTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Api_WithoutToken_401ProblemNotRedirect()
    {
        using var response = await host.Anonymous.GetAsync(new Uri("/api/v1/vms", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Api_WrongToken_401Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/host");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token + "x");

        using var response = await host.Anonymous.SendAsync(request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/v1/health")]
    public async Task Health_Anonymous_Healthy(string path)
    {
        using var response = await host.Anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Host_WithToken_ShowsTcgAndQemuVersion()
    {
        var hostInfo = await host.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/host", UriKind.Relative));

        Assert.Equal("Tcg", hostInfo.GetProperty("accelerator").GetString());
        Assert.False(string.IsNullOrEmpty(hostInfo.GetProperty("acceleratorReason").GetString()));
        Assert.False(string.IsNullOrEmpty(hostInfo.GetProperty("qemuVersion").GetString()));
        Assert.True(hostInfo.GetProperty("logicalProcessors").GetInt32() > 0);
    }

    [Fact]
    public async Task OpenApi_WithToken_DescribesTheVmActions()
    {
        var document = await host.Api.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/v1/vms/{id}/turn-off", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/vms/{id}/screenshot", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutCookie_RedirectsToLogin()
    {
        using var response = await host.Anonymous.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_Anonymous_ShowsTheForm()
    {
        var html = await host.Anonymous.GetStringAsync(new Uri("/login", UriKind.Relative));

        Assert.Contains("Admin token", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }
}
