using System.Text.Json;
using System.Text.RegularExpressions;
using HvWeb.Engine.Model;
using HvWeb.Web.Api.Json;

namespace HvWeb.Web.Api.Errors;

/// <summary>
/// Turns System.Text.Json's exceptions into sentences without .NET type names: a value of the wrong
/// type or an unknown enum name ("must be one of Save, TurnOff, ShutDown"), missing required
/// properties, or JSON that does not parse (with line and position).
/// </summary>
public static partial class JsonErrorDescriber
{
    private static readonly Dictionary<string, string> Expectations = BuildExpectations();

    public static JsonBodyError Describe(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        var message = WithoutPosition(exception.Message);

        if (exception is JsonValueException)
        {
            return ForField(field ?? "body", message);
        }

        var missing = MissingProperties().Match(exception.Message);
        if (missing.Success)
        {
            var names = QuotedName().Matches(missing.Groups["names"].Value).Select(m => m.Groups["name"].Value).ToArray();
            return new JsonBodyError(
                $"The request body is missing required properties: {string.Join(", ", names)}.",
                names.ToDictionary(name => name, name => new[] { $"'{name}' is required." }));
        }

        var conversion = ConversionTarget().Match(exception.Message);
        if (conversion.Success)
        {
            return field is null
                ? new JsonBodyError("The request body must be a JSON object.", new Dictionary<string, string[]>())
                : ForField(field, $"The value of '{field}' is not valid: it {Expect(conversion.Groups["type"].Value)}.");
        }

        var line = exception.LineNumber + 1;
        var position = exception.BytePositionInLine + 1;
        return new JsonBodyError(
            $"The request body is not valid JSON (line {line}, position {position}): {message}",
            new Dictionary<string, string[]>());
    }

    private static JsonBodyError ForField(string field, string sentence) =>
        new(sentence, new Dictionary<string, string[]> { [field] = [sentence] });

    /// <summary>"$.generation" → "generation"; "$" → null.</summary>
    private static string? FieldOf(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).Trim();
    }

    private static string Expect(string typeName)
    {
        if (typeName.Contains("List`1", StringComparison.Ordinal) || typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            return "must be a JSON array";
        }

        // Nullable`1[X] → X
        var inner = GenericArgument().Match(typeName);
        var core = inner.Success ? inner.Groups["arg"].Value : typeName;
        return Expectations.TryGetValue(core, out var expectation) ? expectation : "has the wrong type";
    }

    private static Dictionary<string, string> BuildExpectations()
    {
        var expectations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [typeof(int).FullName!] = "must be a whole number",
            [typeof(long).FullName!] = "must be a whole number",
            [typeof(double).FullName!] = "must be a number",
            [typeof(bool).FullName!] = "must be true or false",
            [typeof(string).FullName!] = "must be a string",
            [typeof(Guid).FullName!] = "must be an ID (a GUID)",
        };
        foreach (var type in typeof(VmState).Assembly.GetExportedTypes().Where(t => t.IsEnum))
        {
            expectations[type.FullName!] = "must be one of " + string.Join(", ", Enum.GetNames(type));
        }

        return expectations;
    }

    [GeneratedRegex(@"missing required properties(?: including)?:?(?<names>.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"'(?<name>[^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.? Path:")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex(@"`1\[(?<arg>[^\],]+)")]
    private static partial Regex GenericArgument();
}
