using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>Decodes one rectangle of a framebuffer update in one encoding. One instance per connection (zlib streams persist).</summary>
internal interface IRfbRectDecoder : IDisposable
{
    ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken);
}
