using System.Globalization;
using System.Text;
using HvWeb.Engine.Events;

namespace HvWeb.Persistence.Events;

/// <summary>
/// The event log as CSV (RFC 4180): a header line, one line per event, CRLF line ends, UTF-8. A
/// field is quoted when it holds a comma, a quote, a line break or surrounding spaces, and quotes
/// inside are doubled. A field that a spreadsheet would run as a formula (starting with =, +, -,
/// @, tab or CR) gets a leading apostrophe, so a VM name cannot become a formula when the file is
/// opened in a spreadsheet (OWASP "CSV injection").
/// </summary>
public static class EventCsv
{
    public const string ContentType = "text/csv";

    public static readonly IReadOnlyList<string> Columns = ["Level", "Date and Time (UTC)", "Source", "VM", "VM ID", "Message", "Event ID"];

    private const string LineEnd = "\r\n";

    public static string Header => string.Join(',', Columns.Select(Field)) + LineEnd;

    public static string Line(HostEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string[] fields =
        [
            entry.Level.ToString(),
            entry.TimeUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            entry.Source,
            entry.VmName ?? "",
            entry.VmId?.ToString("D") ?? "",
            entry.Message,
            entry.Id.ToString(CultureInfo.InvariantCulture),
        ];
        return string.Join(',', fields.Select(Field)) + LineEnd;
    }

    /// <summary>One field, quoted and neutralized as needed.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Writes the header and every event to <paramref name="stream"/> as UTF-8 (with a BOM, which spreadsheets need to read UTF-8).</summary>
    public static async Task WriteAsync(IAsyncEnumerable<HostEvent> events, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
            await foreach (var entry in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(Line(entry).AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
