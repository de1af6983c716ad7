using System.Text.Json;

namespace HvWeb.Web.Api.Json;

/// <summary>
/// Thrown by HvWeb's converters with a sentence for people ("Generation must be 1 or 2."); the
/// serializer adds the path, and the error mapping shows the sentence under that field.
/// </summary>
public sealed class JsonValueException : JsonException
{
    public JsonValueException() { }
    public JsonValueException(string message) : base(message) { }
    public JsonValueException(string message, Exception innerException) : base(message, innerException) { }
}
