using System.Text;
using System.Text.Json;

namespace HvWeb.Engine.Qemu;

/// <summary>QMP wire format: what the client sends, and how replies and events are read.</summary>
internal static class QmpMessages
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary><c>{"execute": …, "arguments": …, "id": …}</c> and a newline.</summary>
    public static byte[] Command(string command, object? arguments, long id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("execute", command);
            if (arguments is not null)
            {
                writer.WritePropertyName("arguments");
                // Member names as written: QMP's own ("node-name") come from dictionaries or JsonElements.
                JsonSerializer.Serialize(writer, arguments, arguments.GetType());
            }

            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static QmpEvent Event(JsonElement message)
    {
        var name = message.GetProperty("event").GetString() ?? "";
        var data = message.TryGetProperty("data", out var d) ? d.Clone() : EmptyObject;
        var timestamp = DateTimeOffset.UnixEpoch;
        if (message.TryGetProperty("timestamp", out var t)
            && t.TryGetProperty("seconds", out var seconds) && seconds.TryGetInt64(out var s)
            && t.TryGetProperty("microseconds", out var micro) && micro.TryGetInt64(out var us))
        {
            timestamp = DateTimeOffset.FromUnixTimeSeconds(s).AddTicks(us * TimeSpan.TicksPerMicrosecond);
        }

        return new QmpEvent(name, data, timestamp);
    }

    public static QmpException Error(string command, JsonElement error) => new(
        command,
        error.TryGetProperty("class", out var c) ? c.GetString() ?? "" : "",
        error.TryGetProperty("desc", out var d) ? d.GetString() ?? "" : "");

    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: false);
}
