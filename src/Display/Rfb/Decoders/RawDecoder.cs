using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>Raw: width x height pixels, 4 bytes each, row by row.</summary>
internal sealed class RawDecoder : IRfbRectDecoder
{
    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        var stride = rect.Width * 4;
        if (stride == 0 || rect.Height == 0)
        {
            return;
        }

        var rowsPerBlock = Math.Max(1, RfbReader.BufferSize / stride);
        for (var y = 0; y < rect.Height; y += rowsPerBlock)
        {
            var rows = Math.Min(rowsPerBlock, rect.Height - y);
            var block = await reader.ReadBlockAsync(rows * stride, cancellationToken).ConfigureAwait(false);
            sink.Put(new PixelRect(rect.X, rect.Y + y, rect.Width, rows), block.Span, stride);
        }
    }

    public void Dispose()
    {
    }
}
