using System.Text.Json;
using System.Text.Json.Serialization;

namespace HvWeb.Engine.Model.Json;

/// <summary>
/// The one JSON shape of VM configuration files (and of the golden test cases): camelCase,
/// enums as their names, the configuration version as "8.0", indented so a diff reads well.
/// </summary>
public static class VmJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // Web defaults: camelCase names, case-insensitive reading. Unknown members are skipped, so a
        // file written by a newer HvWeb (higher schemaVersion) still reads.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ConfigurationVersionJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
