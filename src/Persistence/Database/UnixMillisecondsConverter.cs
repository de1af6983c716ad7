using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HvWeb.Persistence.Database;

/// <summary>
/// Stores an instant as milliseconds since the Unix epoch (INTEGER), so SQLite orders and compares
/// it natively, the offset does not matter, and <c>datetime(x / 1000, 'unixepoch')</c> reads it.
/// Values come back in UTC; sub-millisecond precision is dropped.
/// </summary>
internal sealed class UnixMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));
