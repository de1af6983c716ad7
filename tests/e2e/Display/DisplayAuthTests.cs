using System.Net;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Display;

/// <summary>The display hub and thumbnails are behind the host's sign-in like everything else.</summary>
[Collection(HvWebCollection.Name)]
public sealed class DisplayAuthTests(HvWebHostFixture host)
{
    [Fact]
    public async Task Hub_Anonymous_RefusedBeforeAnyConnection()
    {
        using var negotiate = await host.Anonymous.PostAsync(new Uri("/hubs/display/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.True(negotiate.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect,
            $"anonymous negotiate answered {(int)negotiate.StatusCode}");
        if (negotiate.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/login", negotiate.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Thumbnail_Anonymous_401()
    {
        using var response = await host.Anonymous.GetAsync(new Uri($"/api/v1/vms/{Guid.NewGuid()}/thumbnail", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Thumbnail_UnknownVm_404()
    {
        using var response = await host.Api.GetAsync(new Uri($"/api/v1/vms/{Guid.NewGuid()}/thumbnail", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }
}
