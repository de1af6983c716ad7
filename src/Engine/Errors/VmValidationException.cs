namespace HvWeb.Engine.Errors;

/// <summary>
/// Invalid input (HTTP 400). <see cref="Errors"/> maps a field name (camelCase, as in the API) to
/// sentences a person understands.
/// </summary>
public sealed class VmValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static VmValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
