using HvWeb.Engine.Events;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Api;

/// <summary>GET /events: the host's event log, newest first.</summary>
public static class EventEndpoints
{
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/events", QueryAsync)
            .WithName("ListEvents")
            .WithTags("Events")
            .WithSummary("Event log, newest first; level is the minimum level (Information, Warning, Error).")
            .Produces<HostEvent[]>()
            .ProducesValidationProblem();

    private static async Task<IResult> QueryAsync(
        [FromServices] IEventLog events, Guid? vmId, string? level, string? source, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        EventLevel? minimum = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (Enum.TryParse<EventLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                minimum = parsed;
            }
            else
            {
                errors["level"] = ["Level must be one of " + string.Join(", ", Enum.GetNames<EventLevel>()) + "."];
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, "The event query is not valid.", title: "One or more values are not valid.");
        }

        var query = new EventQuery { VmId = vmId, MinimumLevel = minimum, Source = source, Limit = limit ?? new EventQuery().Limit };
        return TypedResults.Ok(await events.QueryAsync(query, cancellationToken));
    }
}
