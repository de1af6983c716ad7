using System.Text.Encodings.Web;
using System.Text.Json;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Writes the JSON objects of <c>-blockdev</c> / <c>-device</c> arguments with members in the given
/// order, so golden files are stable and paths need no QemuOpts escaping.
/// </summary>
internal static class QemuJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Paths go to QEMU as UTF-8; only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Object(params (string Name, object Value)[] members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                switch (value)
                {
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported JSON value type {value.GetType().Name} for '{name}'.", nameof(members));
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
