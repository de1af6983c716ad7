using System.Text.Json;
using System.Text.Json.Serialization;
using HvWeb.Engine.Model;

namespace HvWeb.Web.Api.Json;

/// <summary>Generation is the number 1 or 2 in JSON, as in <c>New-VM -Generation</c>.</summary>
public sealed class VmGenerationJsonConverter : JsonConverter<VmGeneration>
{
    private const string Expected = "Generation must be 1 or 2.";

    public override VmGeneration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return Parse(number);
        }

        if (reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), out var text))
        {
            return Parse(text);
        }

        throw new JsonValueException(Expected);
    }

    public override void Write(Utf8JsonWriter writer, VmGeneration value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((int)value);

    private static VmGeneration Parse(int number) => number switch
    {
        1 => VmGeneration.One,
        2 => VmGeneration.Two,
        _ => throw new JsonValueException(Expected),
    };
}
