using System.Globalization;
using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;

namespace HvWeb.Web.Events;

/// <summary>
/// The event log's filters as query parameters (GET /events and GET /events/export.csv take the
/// same): vmId, level (the minimum: Information, Warning, Error), source, from / to (ISO 8601;
/// from inclusive, to exclusive; without an offset they are UTC), text (in the message or VM name).
/// </summary>
public sealed class EventFilterParameters
{
    public Guid? VmId { get; init; }
    public string? Level { get; init; }
    public string? Source { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Text { get; init; }

    /// <summary>The search, or the sentences saying which parameters are wrong.</summary>
    public (EventSearch? Search, Dictionary<string, string[]> Errors) ToSearch(int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        EventLevel? minimum = null;
        if (!string.IsNullOrEmpty(Level))
        {
            if (Enum.TryParse<EventLevel>(Level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Level, out _))
            {
                minimum = parsed;
            }
            else
            {
                errors["level"] = ["Level must be one of " + string.Join(", ", Enum.GetNames<EventLevel>()) + "."];
            }
        }

        var from = ParseTime(From, "from", errors);
        var to = ParseTime(To, "to", errors);
        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["'to' must be later than 'from'."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new EventSearch
        {
            VmId = VmId,
            MinimumLevel = minimum,
            Source = string.IsNullOrWhiteSpace(Source) ? null : Source,
            FromUtc = from,
            ToUtc = to,
            Text = string.IsNullOrWhiteSpace(Text) ? null : Text,
            Limit = limit,
        }, errors);
    }

    private static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors[name] = [$"'{name}' must be a date and time such as 2026-11-25T14:30:00Z."];
        return null;
    }
}
