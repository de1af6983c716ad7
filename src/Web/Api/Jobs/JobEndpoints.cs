using System.Security.Claims;
using HvWeb.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Api.Jobs;

/// <summary>GET /jobs, GET /jobs/{id} (with its log), POST /jobs/{id}/cancel.</summary>
public static class JobEndpoints
{
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");

        jobs.MapGet("/", ListAsync).WithName("ListJobs")
            .WithSummary("Running and past jobs, newest first.")
            .WithDescription("Filters: vmId, kind, state (Queued, Running, Succeeded, Failed, Cancelled, Aborted), startedBy; "
                + $"limit (1–{MaxLimit}, default {new JobQuery().Limit}).")
            .Produces<JobInfo[]>()
            .ProducesValidationProblem();
        jobs.MapGet("/{id:guid}", GetAsync).WithName("GetJob")
            .WithSummary("One job with its log lines.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelJob")
            .WithSummary("Asks a Queued or Running job to stop.")
            .WithDescription("200 with the job when it has already ended (a queued job is cancelled at once); 202 with "
                + "Location while it is stopping. 409 when the job has ended or cannot be cancelled.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(
        [FromServices] IJobService jobs, Guid? vmId, string? kind, string? state, string? startedBy, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        JobState? parsed = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (Enum.TryParse<JobState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(state, out _))
            {
                parsed = s;
            }
            else
            {
                errors["state"] = ["State must be one of " + string.Join(", ", Enum.GetNames<JobState>()) + "."];
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, "The job query is not valid.", title: "One or more values are not valid.");
        }

        var query = new JobQuery
        {
            VmId = vmId,
            Kind = string.IsNullOrWhiteSpace(kind) ? null : kind,
            State = parsed,
            StartedBy = string.IsNullOrWhiteSpace(startedBy) ? null : startedBy,
            Limit = limit ?? new JobQuery().Limit,
        };
        return TypedResults.Ok(await jobs.QueryAsync(query, cancellationToken));
    }

    private static async Task<Ok<JobDetailsDto>> GetAsync(Guid id, [FromServices] IJobService jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(id, cancellationToken);
        var log = await jobs.GetLogAsync(id, cancellationToken);
        return TypedResults.Ok(JobDetailsDto.From(job, log));
    }

    private static async Task<Results<Ok<JobInfo>, Accepted<JobInfo>>> CancelAsync(Guid id, [FromServices] IJobService jobs, ClaimsPrincipal user) =>
        JobResults.OkOrAccepted(await jobs.CancelAsync(id, JobUser.Of(user)));
}
