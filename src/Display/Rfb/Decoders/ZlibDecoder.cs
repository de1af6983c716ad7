using System.Buffers;
using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>Zlib: a 4-byte length, then raw pixels compressed in the connection's one zlib stream.</summary>
internal sealed class ZlibDecoder : IRfbRectDecoder
{
    private readonly ZlibInflater _inflater = new();

    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        var length = await reader.ReadU32Async(cancellationToken).ConfigureAwait(false);
        await _inflater.FeedAsync(reader, checked((int)Math.Min(length, int.MaxValue)), cancellationToken).ConfigureAwait(false);
        var size = checked(rect.Width * rect.Height * 4);
        var pixels = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            _inflater.ReadExactly(pixels.AsSpan(0, size));
            sink.Put(rect, pixels.AsSpan(0, size), rect.Width * 4);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    public void Dispose() => _inflater.Dispose();
}
