using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>CopyRect: the source position of pixels already on the screen (QEMU does not use it; other servers do).</summary>
internal sealed class CopyRectDecoder(Func<(int Width, int Height)> screenSize) : IRfbRectDecoder
{
    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        var sourceX = await reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
        var sourceY = await reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
        var (width, height) = screenSize();
        if (!new PixelRect(sourceX, sourceY, rect.Width, rect.Height).FitsIn(width, height))
        {
            throw new RfbProtocolException($"CopyRect from {sourceX},{sourceY} reads outside the {width}x{height} screen.");
        }

        sink.Copy(sourceX, sourceY, rect);
    }

    public void Dispose()
    {
    }
}
