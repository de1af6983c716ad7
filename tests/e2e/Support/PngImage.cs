using System.Buffers.Binary;
using System.IO.Compression;

namespace HvWeb.Tests.E2e.Support;

/// <summary>
/// A minimal PNG reader (8-bit RGB / RGBA, non-interlaced — what QEMU's screendump writes), enough
/// to prove a screenshot shows something rather than a blank screen.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public byte[] Pixels { get; }

    /// <summary>Number of distinct RGB colours (a blank screen has one).</summary>
    public int DistinctColours()
    {
        var colours = new HashSet<int>();
        for (var i = 0; i < Pixels.Length; i += Channels)
        {
            colours.Add(Pixels[i] << 16 | Pixels[i + 1] << 8 | Pixels[i + 2]);
        }

        return colours.Count;
    }

    /// <summary>Share of pixels that are not the most common colour (the background).</summary>
    public double ForegroundShare()
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < Pixels.Length; i += Channels)
        {
            var c = Pixels[i] << 16 | Pixels[i + 1] << 8 | Pixels[i + 2];
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var total = Pixels.Length / Channels;
        return (total - counts.Values.Max()) / (double)total;
    }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var offset = 8;
        while (offset + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (data[8] != 8 || data[12] != 0)
                    {
                        throw new InvalidDataException("only 8-bit non-interlaced PNG is supported");
                    }

                    channels = data[9] switch
                    {
                        2 => 3,
                        6 => 4,
                        _ => throw new InvalidDataException($"colour type {data[9]} is not supported"),
                    };
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                default:
                    break;
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = y * (stride + 1) + 1;
            var row = y * stride;
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[row + x - channels] : 0;
                int b = y > 0 ? pixels[row - stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[row - stride + x - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter} is not a PNG filter"),
                };
                pixels[row + x] = (byte)(raw[src + x] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
