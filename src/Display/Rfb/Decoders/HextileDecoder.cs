using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>
/// Hextile (RFC 6143 §7.7.4): 16x16 tiles, each raw or a background with filled sub-rectangles.
/// Each tile is assembled in a small buffer and put on the screen at once.
/// </summary>
internal sealed class HextileDecoder : IRfbRectDecoder
{
    private const int TileSize = 16;
    private const byte RawFlag = 1;
    private const byte BackgroundSpecified = 2;
    private const byte ForegroundSpecified = 4;
    private const byte AnySubrects = 8;
    private const byte SubrectsColoured = 16;

    private readonly uint[] _tile = new uint[TileSize * TileSize];

    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        uint background = 0, foreground = 0;
        for (var ty = 0; ty < rect.Height; ty += TileSize)
        {
            for (var tx = 0; tx < rect.Width; tx += TileSize)
            {
                var tile = new PixelRect(rect.X + tx, rect.Y + ty, Math.Min(TileSize, rect.Width - tx), Math.Min(TileSize, rect.Height - ty));
                var flags = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
                if ((flags & RawFlag) != 0)
                {
                    var raw = await reader.ReadBlockAsync(tile.Width * tile.Height * 4, cancellationToken).ConfigureAwait(false);
                    sink.Put(tile, raw.Span, tile.Width * 4);
                    continue;
                }

                if ((flags & BackgroundSpecified) != 0)
                {
                    background = await ReadPixelAsync(reader, cancellationToken).ConfigureAwait(false);
                }

                if ((flags & ForegroundSpecified) != 0)
                {
                    foreground = await ReadPixelAsync(reader, cancellationToken).ConfigureAwait(false);
                }

                if ((flags & AnySubrects) == 0)
                {
                    sink.Fill(tile, background);
                    continue;
                }

                var pixels = _tile.AsSpan(0, tile.Width * tile.Height);
                pixels.Fill(background);
                var count = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
                var coloured = (flags & SubrectsColoured) != 0;
                var block = await reader.ReadBlockAsync(count * (coloured ? 6 : 2), cancellationToken).ConfigureAwait(false);
                FillSubrects(block.Span, count, coloured, foreground, tile);
                sink.Put(tile, MemoryMarshal.AsBytes(_tile.AsSpan(0, tile.Width * tile.Height)), tile.Width * 4);
            }
        }
    }

    private void FillSubrects(ReadOnlySpan<byte> data, int count, bool coloured, uint foreground, PixelRect tile)
    {
        for (var i = 0; i < count; i++)
        {
            var colour = foreground;
            if (coloured)
            {
                colour = BinaryPrimitives.ReadUInt32LittleEndian(data);
                data = data[4..];
            }

            int x = data[0] >> 4, y = data[0] & 15, width = (data[1] >> 4) + 1, height = (data[1] & 15) + 1;
            data = data[2..];
            if (x + width > tile.Width || y + height > tile.Height)
            {
                throw new RfbProtocolException($"A hextile sub-rectangle {width}x{height}+{x}+{y} lies outside its {tile.Width}x{tile.Height} tile.");
            }

            for (var row = y; row < y + height; row++)
            {
                _tile.AsSpan(row * tile.Width + x, width).Fill(colour);
            }
        }
    }

    private static async ValueTask<uint> ReadPixelAsync(RfbReader reader, CancellationToken cancellationToken)
    {
        var bytes = await reader.ReadBlockAsync(4, cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.Span);
    }

    public void Dispose()
    {
    }
}
