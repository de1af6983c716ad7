using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>The event log through the API: filters and the CSV export on the real host's database.</summary>
[Collection(HvWebCollection.Name)]
public sealed class ApiEventTests(HvWebHostFixture host)
{
    [Fact]
    public async Task ExportCsv_SameFiltersAsTheList_OneLinePerEvent()
    {
        // The host logs "HvWeb started on …" (Hyper-V-VMMS) at every start.
        const string filter = "source=Hyper-V-VMMS&text=HvWeb%20started";
        var listed = await host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/events?{filter}", UriKind.Relative));
        Assert.NotEqual(0, listed.GetArrayLength());

        using var response = await host.Api.GetAsync(new Uri($"/api/v1/events/export.csv?{filter}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Level,Date and Time (UTC),Source,VM,VM ID,Message,Event ID", lines[0]);
        Assert.Equal(listed.GetArrayLength(), lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("Information,", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/events?from=yesterday", "from")]
    [InlineData("/api/v1/events/export.csv?level=Loud", "level")]
    [InlineData("/api/v1/events/export.csv?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Events_BadFilter_400WithFieldError(string path, string field)
    {
        using var response = await host.Api.GetAsync(new Uri(path, UriKind.Relative));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
