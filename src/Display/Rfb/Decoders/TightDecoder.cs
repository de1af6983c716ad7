using System.Buffers;
using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>
/// Tight (lossless part): fill, or "basic" compression with the copy, palette or gradient filter
/// in one of four persistent zlib streams. Pixels are 3-byte TPIXELs in R, G, B order. HvWeb never
/// asks for tight's JPEG (quality-level pseudo-encodings) nor tight-PNG, so those are errors here.
/// </summary>
internal sealed class TightDecoder : IRfbRectDecoder
{
    private const int FillType = 0x08;
    private const int JpegType = 0x09;
    private const int ExplicitFilterFlag = 0x04;
    private const int CopyFilter = 0;
    private const int PaletteFilter = 1;
    private const int GradientFilter = 2;

    /// <summary>Tight sends blocks under this size uncompressed (no length, no zlib).</summary>
    private const int MinBytesToCompress = 12;

    private readonly ZlibInflater[] _streams = [new(), new(), new(), new()];
    private readonly uint[] _palette = new uint[256];
    private byte[] _data = [];

    public async ValueTask DecodeAsync(RfbReader reader, PixelRect rect, IRfbSink sink, CancellationToken cancellationToken)
    {
        var control = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
        for (var stream = 0; stream < 4; stream++)
        {
            if ((control & (1 << stream)) != 0)
            {
                _streams[stream].Reset();
            }
        }

        var type = control >> 4;
        if (type == FillType)
        {
            var fill = await reader.ReadBlockAsync(3, cancellationToken).ConfigureAwait(false);
            sink.Fill(rect, Tpixel(fill.Span));
            return;
        }

        if (type >= JpegType)
        {
            throw new RfbProtocolException($"Tight compression type {type} (JPEG or PNG) was not asked for.");
        }

        var filter = (type & ExplicitFilterFlag) != 0 ? await reader.ReadU8Async(cancellationToken).ConfigureAwait(false) : CopyFilter;
        var inflater = _streams[type & 3];
        var count = rect.Width * rect.Height;
        var pixels = ArrayPool<uint>.Shared.Rent(count);
        try
        {
            switch (filter)
            {
                case CopyFilter:
                    {
                        var data = await ReadDataAsync(reader, inflater, count * 3, cancellationToken).ConfigureAwait(false);
                        Copy(data.Span, pixels.AsSpan(0, count));
                        break;
                    }

                case PaletteFilter:
                    {
                        var colours = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false) + 1;
                        var palette = await reader.ReadBlockAsync(colours * 3, cancellationToken).ConfigureAwait(false);
                        for (var i = 0; i < colours; i++)
                        {
                            _palette[i] = Tpixel(palette.Span[(3 * i)..]);
                        }

                        var rowBytes = colours == 2 ? (rect.Width + 7) / 8 : rect.Width;
                        var data = await ReadDataAsync(reader, inflater, rowBytes * rect.Height, cancellationToken).ConfigureAwait(false);
                        Unpalette(data.Span, pixels.AsSpan(0, count), rect.Width, colours, rowBytes);
                        break;
                    }

                case GradientFilter:
                    {
                        var data = await ReadDataAsync(reader, inflater, count * 3, cancellationToken).ConfigureAwait(false);
                        Ungradient(data.Span, pixels.AsSpan(0, count), rect.Width);
                        break;
                    }

                default:
                    throw new RfbProtocolException($"Tight filter {filter} is not defined.");
            }

            sink.Put(rect, System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan(0, count)), rect.Width * 4);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(pixels);
        }
    }

    /// <summary>The filtered data: sent as is when short, else a compact length and zlib data.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadDataAsync(RfbReader reader, ZlibInflater inflater, int size, CancellationToken cancellationToken)
    {
        if (_data.Length < size)
        {
            _data = new byte[Math.Max(size, _data.Length * 2)];
        }

        var data = _data.AsMemory(0, size);
        if (size < MinBytesToCompress)
        {
            await reader.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            return data;
        }

        var length = await ReadCompactLengthAsync(reader, cancellationToken).ConfigureAwait(false);
        await inflater.FeedAsync(reader, length, cancellationToken).ConfigureAwait(false);
        inflater.ReadExactly(data.Span);
        return data;
    }

    /// <summary>1 to 3 bytes, 7 bits each (the last one 8), least significant first.</summary>
    internal static async ValueTask<int> ReadCompactLengthAsync(RfbReader reader, CancellationToken cancellationToken)
    {
        int b = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
        var length = b & 0x7F;
        if ((b & 0x80) != 0)
        {
            b = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
            length |= (b & 0x7F) << 7;
            if ((b & 0x80) != 0)
            {
                b = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
                length |= b << 14;
            }
        }

        return length;
    }

    private static uint Tpixel(ReadOnlySpan<byte> rgb) => (uint)(rgb[0] << 16 | rgb[1] << 8 | rgb[2]);

    private static void Copy(ReadOnlySpan<byte> data, Span<uint> pixels)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Tpixel(data[(3 * i)..]);
        }
    }

    private void Unpalette(ReadOnlySpan<byte> data, Span<uint> pixels, int width, int colours, int rowBytes)
    {
        var height = pixels.Length / width;
        for (var y = 0; y < height; y++)
        {
            var row = data.Slice(y * rowBytes, rowBytes);
            for (var x = 0; x < width; x++)
            {
                var index = colours == 2 ? row[x >> 3] >> (7 - (x & 7)) & 1 : row[x];
                pixels[y * width + x] = index < colours
                    ? _palette[index]
                    : throw new RfbProtocolException($"A tight rectangle uses colour {index} of a {colours}-colour palette.");
            }
        }
    }

    /// <summary>Tight's gradient filter: each component predicted from left + above - above-left, clamped to 0…255.</summary>
    private static void Ungradient(ReadOnlySpan<byte> data, Span<uint> pixels, int width)
    {
        var height = pixels.Length / width;
        Span<int> previousRow = new int[width * 3];
        Span<int> thisRow = new int[width * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var left = x > 0 ? thisRow[(x - 1) * 3 + c] : 0;
                    var above = previousRow[x * 3 + c];
                    var aboveLeft = x > 0 ? previousRow[(x - 1) * 3 + c] : 0;
                    var predicted = Math.Clamp(left + above - aboveLeft, 0, 255);
                    thisRow[x * 3 + c] = (data[(y * width + x) * 3 + c] + predicted) & 0xFF;
                }

                pixels[y * width + x] = (uint)(thisRow[x * 3] << 16 | thisRow[x * 3 + 1] << 8 | thisRow[x * 3 + 2]);
            }

            var swap = previousRow;
            previousRow = thisRow;
            thisRow = swap;
        }
    }

    public void Dispose()
    {
        foreach (var stream in _streams)
        {
            stream.Dispose();
        }
    }
}
