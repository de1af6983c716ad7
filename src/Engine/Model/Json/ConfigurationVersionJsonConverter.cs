using System.Text.Json;
using System.Text.Json.Serialization;

namespace HvWeb.Engine.Model.Json;

/// <summary>Reads and writes a <see cref="ConfigurationVersion"/> as Hyper-V writes it: the string "8.0".</summary>
public sealed class ConfigurationVersionJsonConverter : JsonConverter<ConfigurationVersion>
{
    public override ConfigurationVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A configuration version is a string such as \"8.0\", not {reader.TokenType}.");
        }

        var text = reader.GetString();
        return ConfigurationVersion.TryParse(text, out var version)
            ? version.Value
            : throw new JsonException($"'{text}' is not a supported configuration version (5.0, 6.2, 7.0, 7.1, 8.0).");
    }

    public override void Write(Utf8JsonWriter writer, ConfigurationVersion value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
