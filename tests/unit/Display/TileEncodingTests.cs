using HvWeb.Display.Tiles;
using SkiaSharp;

namespace HvWeb.Tests.Unit.Display;

public sealed class TileEncodingTests
{
    [Fact]
    public void Choose_ConsoleText_Png()
    {
        var pixels = Pixels(256, 128, (x, y) => (x / 3 + y / 5) % 7 == 0 ? 0xAAAAAAu : 0u);

        Assert.Equal(TileFormat.Png, TileClassifier.Choose(pixels, 256, 128));
    }

    [Fact]
    public void Choose_PhotoLikeNoise_Jpeg()
    {
        var random = new Random(1);
        var pixels = Pixels(256, 128, (_, _) => (uint)random.Next(0x1000000));

        Assert.Equal(TileFormat.Jpeg, TileClassifier.Choose(pixels, 256, 128));
    }

    [Fact]
    public void Choose_SmallBusyTile_PngAnyway()
    {
        var random = new Random(1);
        var pixels = Pixels(32, 32, (_, _) => (uint)random.Next(0x1000000));

        Assert.Equal(TileFormat.Png, TileClassifier.Choose(pixels, 32, 32));
    }

    [Fact]
    public void CountColours_IgnoresUnusedByteAndStopsPastLimit()
    {
        uint[] pixels = [0xFF000001, 0x00000001, 0x2, 0x3, 0x4, 0x5];

        Assert.Equal(5, TileClassifier.CountColours(pixels, 10));
        Assert.Equal(3, TileClassifier.CountColours(pixels, 2));
    }

    [Fact]
    public void Encode_Png_DecodesToTheSamePixels()
    {
        var pixels = Pixels(100, 50, (x, y) => (uint)(x * 2 << 16 | y * 4 << 8 | (x + y)));

        var png = TileEncoder.Encode(pixels, 100, 50, TileFormat.Png);

        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((100, 50), (decoded.Width, decoded.Height));
        for (var y = 0; y < 50; y++)
        {
            for (var x = 0; x < 100; x++)
            {
                var c = decoded.GetPixel(x, y);
                Assert.Equal((uint)(x * 2 << 16 | y * 4 << 8 | (x + y)), (uint)(c.Red << 16 | c.Green << 8 | c.Blue));
                Assert.Equal(255, c.Alpha);
            }
        }
    }

    [Fact]
    public void Encode_Jpeg_CloseToThePixels()
    {
        var pixels = Pixels(128, 64, (x, y) => (uint)(x << 16 | y * 2 << 8 | 0x40));

        var jpeg = TileEncoder.Encode(pixels, 128, 64, TileFormat.Jpeg);

        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        using var decoded = SKBitmap.Decode(jpeg);
        var c = decoded.GetPixel(60, 30);
        Assert.InRange(c.Red, 50, 70);
        Assert.InRange(c.Green, 50, 70);
    }

    [Fact]
    public void Thumbnail_LargeScreen_FitsAndKeepsAspect()
    {
        var pixels = Pixels(1280, 800, (x, _) => x < 640 ? 0xFF0000u : 0x0000FFu);

        var jpeg = ThumbnailRenderer.Render(pixels, 1280, 800, 160, 120);

        using var decoded = SKBitmap.Decode(jpeg);
        Assert.Equal((160, 100), (decoded.Width, decoded.Height));
        Assert.True(decoded.GetPixel(10, 50).Red > 200);
        Assert.True(decoded.GetPixel(150, 50).Blue > 200);
    }

    [Theory]
    [InlineData(2, 256, 128)]
    [InlineData(64, 256, 128)]
    [InlineData(65, 256, 128)]
    [InlineData(5000, 256, 128)]
    [InlineData(5000, 40, 40)]
    public void EncodeBest_AnyRegion_SameFormatAsClassifierAndDecodable(int colours, int width, int height)
    {
        var pixels = Pixels(width, height, (x, y) => (uint)((y * width + x) % colours * 2971));

        var (format, data) = TileEncoder.EncodeBest(pixels, width, height, lossless: false);

        Assert.Equal(TileClassifier.Choose(pixels, width, height), format);
        using var decoded = SKBitmap.Decode(data);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void EncodeBest_LosslessAsked_PngEvenForManyColours()
    {
        var random = new Random(5);
        var pixels = Pixels(128, 128, (_, _) => (uint)random.Next(0x1000000));

        Assert.Equal(TileFormat.Png, TileEncoder.EncodeBest(pixels, 128, 128, lossless: true).Format);
    }

    private static byte[] Pixels(int width, int height, Func<int, int, uint> colour)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                BitConverter.TryWriteBytes(pixels.AsSpan((y * width + x) * 4), colour(x, y));
            }
        }

        return pixels;
    }
}
