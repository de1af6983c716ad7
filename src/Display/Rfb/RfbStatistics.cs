using System.Collections.Concurrent;

namespace HvWeb.Display.Rfb;

/// <summary>What a connection has received, for the benchmark and the encoding measurements.</summary>
public sealed class RfbStatistics
{
    private long _updates;
    private long _decodeTicks;

    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Time spent reading and decoding updates (from the first rectangle header to the update's end).</summary>
    public TimeSpan DecodeTime => TimeSpan.FromTicks(Interlocked.Read(ref _decodeTicks));

    /// <summary>Bytes received per encoding name (rectangle headers included).</summary>
    public ConcurrentDictionary<string, long> BytesByEncoding { get; } = new();

    /// <summary>Rectangles received per encoding name.</summary>
    public ConcurrentDictionary<string, long> RectsByEncoding { get; } = new();

    internal void CountUpdate(TimeSpan decodeTime)
    {
        Interlocked.Increment(ref _updates);
        Interlocked.Add(ref _decodeTicks, decodeTime.Ticks);
    }

    internal void CountRect(int encoding, long bytes)
    {
        var name = RfbEncoding.Name(encoding);
        BytesByEncoding.AddOrUpdate(name, bytes, (_, total) => total + bytes);
        RectsByEncoding.AddOrUpdate(name, 1, (_, total) => total + 1);
    }
}
