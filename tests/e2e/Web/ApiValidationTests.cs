using System.Net;
using System.Text;

namespace HvWeb.Tests.E2e.Web;

[Collection(HvWebCollection.Name)]
public sealed class ApiValidationTests(HvWebHostFixture host)
{
    [Theory]
    [InlineData("""{"name":"","generation":1}""", "name")]
    [InlineData("""{"name":"a/b","generation":1}""", "name")]
    [InlineData("""{"name":"mem0","generation":1,"memoryStartupMb":0}""", "memoryStartupMb")]
    [InlineData("""{"name":"gen3","generation":3}""", "generation")]
    [InlineData("""{"name":"v99","generation":1,"version":"9.9"}""", "version")]
    [InlineData("""{"name":"stop","automaticStopAction":"Explode"}""", "automaticStopAction")]
    [InlineData("""{"generation":1}""", "name")]
    public async Task CreateVm_InvalidInput_400WithFieldError(string json, string field)
    {
        using var response = await PostJsonAsync("/api/v1/vms", json);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for '{field}': {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task CreateVm_BrokenJson_400SaysWhere()
    {
        using var response = await PostJsonAsync("/api/v1/vms", """{"name": """);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_404ProblemWithSentence()
    {
        using var response = await host.Api.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateVm_NoBody_400SaysABodyIsNeeded()
    {
        using var response = await host.Api.PostAsync(new Uri("/api/v1/vms", UriKind.Relative), null);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("This request needs a JSON body.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/start")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/screenshot")]
    public async Task UnknownVm_404Problem(string method, string suffix)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/vms/{Guid.NewGuid()}{suffix}");

        using var response = await host.Api.SendAsync(request);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_BadLevel_400()
    {
        using var response = await host.Api.GetAsync(new Uri("/api/v1/events?level=Loud", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await host.Api.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
