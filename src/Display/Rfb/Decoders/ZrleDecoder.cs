using System.Runtime.InteropServices;
using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>
/// ZRLE (RFC 6143 §7.7.6): a 4-byte length, then 64x64 tiles in the connection's zlib stream, each
/// raw, solid, packed-palette, plain RLE or palette RLE. Pixels are 3-byte CPIXELs (B, G, R for
/// HvWeb's little-endian 0x00RRGGBB format).
/// </summary>
internal sealed class ZrleDecoder : IRfbRectDecoder
{
    private const int TileSize = 64;

    private readonly ZlibInflater _inflater = new();
    private readonly uint[] _tile = new uint[TileSize * TileSize];
    private readonly uint[] _palette = new uint[128];
    private readonly byte[] _bytes = new byte[TileSize * TileSize * 3];

    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        var length = await reader.ReadU32Async(cancellationToken).ConfigureAwait(false);
        await _inflater.FeedAsync(reader, checked((int)Math.Min(length, int.MaxValue)), cancellationToken).ConfigureAwait(false);
        for (var ty = 0; ty < rect.Height; ty += TileSize)
        {
            for (var tx = 0; tx < rect.Width; tx += TileSize)
            {
                var tile = new PixelRect(rect.X + tx, rect.Y + ty, Math.Min(TileSize, rect.Width - tx), Math.Min(TileSize, rect.Height - ty));
                DecodeTile(tile, sink);
            }
        }
    }

    private void DecodeTile(PixelRect tile, IRfbSink sink)
    {
        var count = tile.Width * tile.Height;
        var pixels = _tile.AsSpan(0, count);
        var subencoding = _inflater.ReadByte();
        switch (subencoding)
        {
            case 0:
                ReadCpixels(pixels);
                break;
            case 1:
                sink.Fill(tile, ReadCpixel());
                return;
            case <= 16:
                ReadPalette(subencoding);
                UnpackPalette(pixels, tile.Width, tile.Height, subencoding);
                break;
            case 128:
                PlainRle(pixels);
                break;
            case >= 130:
                ReadPalette(subencoding - 128);
                PaletteRle(pixels, subencoding - 128);
                break;
            default:
                throw new RfbProtocolException($"ZRLE sub-encoding {subencoding} is not defined.");
        }

        sink.Put(tile, MemoryMarshal.AsBytes(pixels), tile.Width * 4);
    }

    private uint ReadCpixel()
    {
        Span<byte> bytes = stackalloc byte[3];
        _inflater.ReadExactly(bytes);
        return (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16);
    }

    private void ReadCpixels(Span<uint> pixels)
    {
        var bytes = _bytes.AsSpan(0, pixels.Length * 3);
        _inflater.ReadExactly(bytes);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (uint)(bytes[3 * i] | bytes[3 * i + 1] << 8 | bytes[3 * i + 2] << 16);
        }
    }

    private void ReadPalette(int size) => ReadCpixels(_palette.AsSpan(0, size));

    private void UnpackPalette(Span<uint> pixels, int width, int height, int size)
    {
        var bits = size switch { 2 => 1, <= 4 => 2, _ => 4 };
        var rowBytes = (width * bits + 7) / 8;
        var packed = _bytes.AsSpan(0, rowBytes * height);
        _inflater.ReadExactly(packed);
        var mask = (1 << bits) - 1;
        for (var y = 0; y < height; y++)
        {
            var row = packed.Slice(y * rowBytes, rowBytes);
            for (var x = 0; x < width; x++)
            {
                var bit = x * bits;
                var index = row[bit >> 3] >> (8 - bits - (bit & 7)) & mask;
                pixels[y * width + x] = index < size
                    ? _palette[index]
                    : throw new RfbProtocolException($"A ZRLE tile uses colour {index} of a {size}-colour palette.");
            }
        }
    }

    private void PlainRle(Span<uint> pixels)
    {
        var i = 0;
        while (i < pixels.Length)
        {
            var colour = ReadCpixel();
            var run = ReadRunLength(pixels.Length - i);
            pixels.Slice(i, run).Fill(colour);
            i += run;
        }
    }

    private void PaletteRle(Span<uint> pixels, int size)
    {
        var i = 0;
        while (i < pixels.Length)
        {
            var entry = _inflater.ReadByte();
            var index = entry & 0x7F;
            if (index >= size)
            {
                throw new RfbProtocolException($"A ZRLE tile uses colour {index} of a {size}-colour palette.");
            }

            var run = (entry & 0x80) != 0 ? ReadRunLength(pixels.Length - i) : 1;
            pixels.Slice(i, run).Fill(_palette[index]);
            i += run;
        }
    }

    /// <summary>A run length: bytes of 255 then a last byte, plus one; never past the tile's end.</summary>
    private int ReadRunLength(int left)
    {
        var length = 1;
        byte b;
        do
        {
            b = _inflater.ReadByte();
            length += b;
            if (length > left)
            {
                throw new RfbProtocolException("A ZRLE run goes past the end of its tile.");
            }
        }
        while (b == 255);

        return length;
    }

    public void Dispose() => _inflater.Dispose();
}
