using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace HvWeb.Display.Tiles;

/// <summary>
/// Indexed-colour PNG (1, 2, 4 or 8 bits per pixel) for regions of at most 256 colours: consoles,
/// text and UI. A two-colour console tile becomes one bit per pixel before zlib sees it, so it is
/// several times smaller and faster to compress than the 24-bit PNG a general encoder writes.
/// </summary>
public static class PalettePngEncoder
{
    public const int MaxColours = 256;

    /// <summary>
    /// zlib level: 1 (zlib-ng's fastest) is enough once pixels are palette indexes; higher levels
    /// cost several times the CPU for a few percent on screen content.
    /// </summary>
    public const CompressionLevel ZlibLevel = CompressionLevel.Fastest;

    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The PNG, or null when the region has more than <paramref name="maxColours"/> colours (at most 256).</summary>
    public static byte[]? TryEncode(ReadOnlySpan<byte> bgrx, int width, int height, int maxColours = MaxColours)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxColours, MaxColours);
        var pixels = MemoryMarshal.Cast<byte, uint>(bgrx[..(width * height * 4)]);
        var indexes = ArrayPool<byte>.Shared.Rent(pixels.Length);
        try
        {
            var palette = new List<uint>(16);
            if (!Index(pixels, indexes, palette, maxColours))
            {
                return null;
            }

            var bits = palette.Count switch { <= 2 => 1, <= 4 => 2, <= 16 => 4, _ => 8 };
            using var png = new MemoryStream();
            png.Write(Signature);
            WriteHeader(png, width, height, bits);
            WritePalette(png, palette);
            WriteImageData(png, indexes, width, height, bits);
            WriteChunk(png, "IEND"u8, []);
            return png.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(indexes);
        }
    }

    /// <summary>Palette index of every pixel; false past <paramref name="maxColours"/> colours.</summary>
    private static bool Index(ReadOnlySpan<uint> pixels, byte[] indexes, List<uint> palette, int maxColours)
    {
        // A small direct-mapped cache in front of the dictionary: text alternates between a few
        // colours thousands of times per row.
        Span<uint> cachedColour = stackalloc uint[64];
        Span<byte> cachedIndex = stackalloc byte[64];
        cachedColour.Fill(0xFFFFFFFF);
        var lookup = new Dictionary<uint, byte>(16);
        uint previous = 0xFFFFFFFF;
        byte previousIndex = 0;
        for (var i = 0; i < pixels.Length; i++)
        {
            var colour = pixels[i] & 0xFFFFFF;
            if (colour == previous)
            {
                indexes[i] = previousIndex;
                continue;
            }

            var slot = (int)((colour * 2654435761u) >> 26);
            if (cachedColour[slot] == colour)
            {
                indexes[i] = previousIndex = cachedIndex[slot];
                previous = colour;
                continue;
            }

            if (!lookup.TryGetValue(colour, out var index))
            {
                if (palette.Count == maxColours)
                {
                    return false;
                }

                index = (byte)palette.Count;
                lookup[colour] = index;
                palette.Add(colour);
            }

            cachedColour[slot] = colour;
            cachedIndex[slot] = index;
            indexes[i] = previousIndex = index;
            previous = colour;
        }

        return true;
    }

    private static void WriteHeader(MemoryStream png, int width, int height, int bits)
    {
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bits;
        header[9] = 3; // indexed colour
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering (each row says "none")
        header[12] = 0; // not interlaced
        WriteChunk(png, "IHDR"u8, header);
    }

    private static void WritePalette(MemoryStream png, List<uint> palette)
    {
        var entries = new byte[palette.Count * 3];
        for (var i = 0; i < palette.Count; i++)
        {
            entries[3 * i] = (byte)(palette[i] >> 16);
            entries[3 * i + 1] = (byte)(palette[i] >> 8);
            entries[3 * i + 2] = (byte)palette[i];
        }

        WriteChunk(png, "PLTE"u8, entries);
    }

    private static void WriteImageData(MemoryStream png, byte[] indexes, int width, int height, int bits)
    {
        // All rows (a filter byte "none", then the packed indexes) in one buffer, compressed in one call.
        var rowBytes = 1 + (width * bits + 7) / 8;
        var rows = ArrayPool<byte>.Shared.Rent(rowBytes * height);
        try
        {
            var packed = rows.AsSpan(0, rowBytes * height);
            packed.Clear();
            for (var y = 0; y < height; y++)
            {
                Pack(indexes.AsSpan(y * width, width), packed.Slice(y * rowBytes + 1, rowBytes - 1), bits);
            }

            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, ZlibLevel, leaveOpen: true))
            {
                zlib.Write(packed);
            }

            WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }
    }

    /// <summary>Packs indexes into 1, 2, 4 or 8 bits each, leftmost pixel in the high bits (the row must be zeroed).</summary>
    private static void Pack(ReadOnlySpan<byte> source, Span<byte> row, int bits)
    {
        switch (bits)
        {
            case 1:
                for (var x = 0; x < source.Length; x++)
                {
                    row[x >> 3] |= (byte)(source[x] << (7 - (x & 7)));
                }

                break;
            case 2:
                for (var x = 0; x < source.Length; x++)
                {
                    row[x >> 2] |= (byte)(source[x] << (6 - ((x & 3) << 1)));
                }

                break;
            case 4:
                for (var x = 0; x < source.Length; x++)
                {
                    row[x >> 1] |= (byte)(source[x] << (4 - ((x & 1) << 2)));
                }

                break;
            default:
                source.CopyTo(row);
                break;
        }
    }

    private static void WriteChunk(MemoryStream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(type, data));
        png.Write(number);
    }
}
