using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>Long operations through the REST API: 202 + Location, then following the job until it ends.</summary>
public static class JobApi
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] FinishedStates = ["Succeeded", "Failed", "Cancelled", "Aborted"];

    /// <summary>Checks 202 Accepted with <c>Location: /api/v1/jobs/{id}</c> and a job body of that id; returns the job.</summary>
    public static async Task<JsonElement> AcceptedAsync(HttpResponseMessage response, string? hostLog = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted,
            $"Expected 202, got {(int)response.StatusCode}: {body}{Environment.NewLine}{hostLog}");
        var job = JsonDocument.Parse(body).RootElement.Clone();
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/jobs/{id}", response.Headers.Location?.OriginalString);
        Assert.Contains(job.GetProperty("state").GetString(), new[] { "Queued", "Running", "Succeeded" });
        return job;
    }

    public static Task<JsonElement> PostAsync(HttpClient api, string path, object? body = null) =>
        SendAsync(api, path, body);

    public static async Task<JsonElement> GetAsync(HttpClient api, Guid jobId)
    {
        using var response = await api.GetAsync(new Uri($"/api/v1/jobs/{jobId}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET job {jobId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the job until <paramref name="done"/> holds (or it ends, when that is all that is asked).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient api, Guid jobId, Func<JsonElement, bool> done, TimeSpan? timeout = null, string? hostLog = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        JsonElement job;
        while (true)
        {
            job = await GetAsync(api, jobId);
            if (done(job))
            {
                return job;
            }

            if (IsFinished(job) || watch.Elapsed > limit)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Job {jobId} did not reach the expected point within {limit} (or ended otherwise): {job}{Environment.NewLine}{hostLog}");
    }

    public static Task<JsonElement> WaitForEndAsync(HttpClient api, Guid jobId, TimeSpan? timeout = null, string? hostLog = null) =>
        WaitAsync(api, jobId, IsFinished, timeout, hostLog);

    /// <summary>Waits for the job to end and checks that it Succeeded, with its error in the message otherwise.</summary>
    public static async Task<JsonElement> SucceededAsync(HttpClient api, Guid jobId, string? hostLog = null)
    {
        var job = await WaitForEndAsync(api, jobId, hostLog: hostLog);
        Assert.True(job.GetProperty("state").GetString() == "Succeeded", $"Job {jobId} did not succeed: {job}{Environment.NewLine}{hostLog}");
        return job;
    }

    /// <summary>
    /// A create job is writing its disk. Not judged by percent: qemu-img sets a fixed disk's full
    /// length before it writes, so the engine's file-length progress says 95 % at once.
    /// </summary>
    public static bool IsCreatingDisk(JsonElement job) =>
        job.GetProperty("state").GetString() == "Running"
        && job.GetProperty("step").GetString()?.StartsWith("Creating", StringComparison.Ordinal) == true;

    public static bool IsFinished(JsonElement job) => FinishedStates.Contains(job.GetProperty("state").GetString());

    public static Guid Id(JsonElement job) => job.GetProperty("id").GetGuid();

    private static async Task<JsonElement> SendAsync(HttpClient api, string path, object? body)
    {
        using var response = body is null
            ? await api.PostAsync(new Uri(path, UriKind.Relative), null)
            : await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return await AcceptedAsync(response);
    }
}
