using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Web.Api;
using HvWeb.Web.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HvWeb.Tests.Unit.Web.Api;

/// <summary>The API's error contract: which exception gives which status and which problem document.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task Handle_ValidationException_400WithFieldErrors()
    {
        var exception = new VmValidationException(new Dictionary<string, string[]>
        {
            ["name"] = ["The name cannot contain '/'."],
            ["memoryStartupMb"] = ["Memory must be between 32 MB and 12 TB."],
        });

        var (status, problem) = await HandleAsync(exception);

        Assert.Equal(400, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(exception.Message, problem.GetProperty("detail").GetString());
        Assert.Equal("The name cannot contain '/'.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("memoryStartupMb", out _));
    }

    [Fact]
    public async Task Handle_NotFound_404WithMessage()
    {
        var id = Guid.NewGuid();
        var (status, problem) = await HandleAsync(new VmNotFoundException(id));

        Assert.Equal(404, status);
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WrongState_409WithMessage()
    {
        var (status, problem) = await HandleAsync(new VmStateException("VM 'web01' is Running; turn it off before deleting it.", VmState.Running));

        Assert.Equal(409, status);
        Assert.Equal("VM 'web01' is Running; turn it off before deleting it.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Handle_OperationFailed_500WithQemusWords()
    {
        const string qemu = "qemu-system-x86_64: -accel kvm: Could not access KVM kernel module: No such file or directory";
        var (status, problem) = await HandleAsync(new VmOperationException(qemu));

        Assert.Equal(500, status);
        Assert.Equal(qemu, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Handle_UnexpectedException_500WithoutInternals()
    {
        var (status, problem) = await HandleAsync(new InvalidOperationException("Sequence contains no elements at Secret.Method()"));

        Assert.Equal(500, status);
        Assert.DoesNotContain("Secret", problem.GetRawText(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("stackTrace", out _));
    }

    [Fact]
    public async Task Handle_UnreadableBody_400WithFieldError()
    {
        var json = ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","generation":3}""");
        var exception = new BadHttpRequestException("Failed to read parameter \"VmCreateRequest request\" from the request body as JSON.", 400, json);

        var (status, problem) = await HandleAsync(exception);

        Assert.Equal(400, status);
        Assert.Equal("Generation must be 1 or 2.", problem.GetProperty("errors").GetProperty("generation")[0].GetString());
    }

    [Fact]
    public async Task Handle_WrongMediaType_KeepsItsStatus()
    {
        var (status, _) = await HandleAsync(new BadHttpRequestException("Expected a supported JSON media type but got \"text/plain\".", 415));

        Assert.Equal(415, status);
    }

    [Fact]
    public async Task Handle_MissingBody_SaysABodyIsNeeded()
    {
        var (status, problem) = await HandleAsync(new BadHttpRequestException(
            "Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?", 400));

        Assert.Equal(400, status);
        Assert.Equal("This request needs a JSON body.", problem.GetProperty("detail").GetString());
    }

    private static async Task<(int Status, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiServiceCollectionExtensions.ConfigureJson(options));
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/vms";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(
            provider.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
