using HvWeb.Engine.Events;
using HvWeb.Engine.Vms;
using HvWeb.Persistence.Events;
using HvWeb.Web.Events;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Api;

/// <summary>GET /events (newest first) and GET /events/export.csv (the same filters, every matching event).</summary>
public static class EventEndpoints
{
    private const int MaxLimit = 1000;
    private const int DefaultLimit = 200;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/events", QueryAsync)
            .WithName("ListEvents")
            .WithTags("Events")
            .WithSummary("Event log, newest first.")
            .WithDescription("Filters: vmId; level = the minimum level (Information, Warning, Error); source (Hyper-V-VMMS, Hyper-V-Worker); "
                + "from (inclusive) and to (exclusive), ISO 8601, UTC unless an offset is given; text, found in the message or the VM's name; "
                + $"limit (1–{MaxLimit}, default {DefaultLimit}).")
            .Produces<HostEvent[]>()
            .ProducesValidationProblem();

        api.MapGet("/events/export.csv", ExportAsync)
            .WithName("ExportEvents")
            .WithTags("Events")
            .WithSummary("The event log as CSV (RFC 4180, UTF-8), with the same filters as GET /events and no limit.")
            .Produces(StatusCodes.Status200OK, contentType: EventCsv.ContentType)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> QueryAsync(
        [FromServices] IEventLogReader events, [AsParameters] EventFilterParameters filter, int? limit, CancellationToken cancellationToken)
    {
        var (search, errors) = filter.ToSearch(limit ?? DefaultLimit);
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Limit must be between 1 and {MaxLimit}."];
        }

        if (search is null || errors.Count > 0)
        {
            return Invalid(errors);
        }

        return TypedResults.Ok(await events.SearchAsync(search, cancellationToken));
    }

    private static IResult ExportAsync(
        [FromServices] IEventLogReader events, [FromServices] IVmManager vms, [FromServices] TimeProvider time,
        [AsParameters] EventFilterParameters filter, HttpContext http)
    {
        var (search, errors) = filter.ToSearch(limit: null);
        if (search is null)
        {
            return Invalid(errors);
        }

        var name = $"hvweb-events-{vms.Host.Name}-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.Stream(
            stream => EventCsv.WriteAsync(events.StreamAsync(search, http.RequestAborted), stream, http.RequestAborted),
            EventCsv.ContentType + "; charset=utf-8",
            name);
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, "The event query is not valid.", title: "One or more values are not valid.");
}
