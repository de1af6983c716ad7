using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace HvWeb.Web.Api.Errors;

/// <summary>The one place that says which exception becomes which problem (RFC 7807).</summary>
public static class ApiProblemMapper
{
    public static ProblemDetails Map(Exception exception) => exception switch
    {
        VmValidationException invalid => Validation(invalid.Message, invalid.Errors),
        VmNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        Engine.Checkpoints.CheckpointNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        VmStateException state => Problem(StatusCodes.Status409Conflict, "The virtual machine's state does not allow this.", state.Message),
        JobNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        JobStateException state => Problem(StatusCodes.Status409Conflict, "The job's state does not allow this.", state.Message),
        Engine.Networking.SwitchNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        Engine.Networking.SwitchInUseException inUse => Problem(StatusCodes.Status409Conflict, "The virtual switch is in use.", inUse.Message),
        Engine.Networking.SwitchUnavailableException unavailable => Problem(StatusCodes.Status409Conflict, "Virtual switches are not available on this host.", unavailable.Message),
        Engine.Networking.MissingSwitchException missing => MissingSwitch(missing),
        VmOperationException failed => Problem(StatusCodes.Status500InternalServerError, "The operation failed.", failed.Message),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(JsonErrorDescriber.Describe(json)),
        BadHttpRequestException bad when IsMissingBody(bad) => Problem(bad.StatusCode, "The request is not valid.", "This request needs a JSON body."),
        BadHttpRequestException bad => Problem(bad.StatusCode, "The request is not valid.", bad.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error.",
            "The server could not complete the request because of an unexpected error; it has been logged."),
    };

    /// <summary>ASP.NET Core's wording ("Implicit body inferred … but no body was provided") is for developers.</summary>
    private static bool IsMissingBody(BadHttpRequestException exception) =>
        exception.Message.Contains("no body was provided", StringComparison.Ordinal)
        || exception.Message.Contains("was not provided from body", StringComparison.Ordinal);

    private static ProblemDetails FromJson(JsonBodyError error) => error.Errors.Count > 0
        ? Validation(error.Detail, error.Errors)
        : Problem(StatusCodes.Status400BadRequest, "The request body could not be read.", error.Detail);

    private static HttpValidationProblemDetails Validation(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more values are not valid.",
            Detail = detail,
        };

    /// <summary>409 with the choices: reconnect each adapter to one of availableSwitches, or Not Connected (switchName null).</summary>
    private static ProblemDetails MissingSwitch(Engine.Networking.MissingSwitchException missing)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "A virtual switch of this VM does not exist on this host.", missing.Message);
        problem.Extensions["adapters"] = missing.Adapters
            .Select(a => new { adapterId = a.AdapterId, index = a.Index, adapterName = a.AdapterName, switchName = a.SwitchName })
            .ToList();
        problem.Extensions["availableSwitches"] = missing.AvailableSwitches;
        problem.Extensions["choices"] = new[] { "Reconnect the adapter to an existing switch: PATCH /api/v1/vms/{id} with networkAdapters[i].switchName", "Leave it Not Connected: switchName null" };
        return problem;
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
