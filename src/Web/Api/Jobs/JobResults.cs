using HvWeb.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api.Jobs;

/// <summary>How the API hands back a job: 202 Accepted with <c>Location: /api/v1/jobs/{id}</c> and the job.</summary>
public static class JobResults
{
    public static string Location(Guid jobId) => $"{ApiPaths.Prefix}/jobs/{jobId}";

    public static Accepted<JobInfo> Accepted(JobInfo job) => TypedResults.Accepted(Location(job.Id), job);

    /// <summary>200 when the job has already ended, 202 with its Location while it still runs.</summary>
    public static Results<Ok<JobInfo>, Accepted<JobInfo>> OkOrAccepted(JobInfo job) =>
        JobFormat.IsFinished(job.State) ? TypedResults.Ok(job) : Accepted(job);
}
