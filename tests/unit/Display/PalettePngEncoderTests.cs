using System.Runtime.InteropServices;
using HvWeb.Display.Tiles;
using SkiaSharp;
using Xunit.Abstractions;

namespace HvWeb.Tests.Unit.Display;

public sealed class PalettePngEncoderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2, 13, 5)]
    [InlineData(3, 17, 3)]
    [InlineData(16, 31, 9)]
    [InlineData(200, 64, 64)]
    [InlineData(256, 40, 40)]
    public void TryEncode_UpTo256Colours_DecodesToTheSamePixels(int colours, int width, int height)
    {
        var random = new Random(colours);
        var palette = Enumerable.Range(0, colours).Select(_ => (uint)random.Next(0x1000000)).Distinct().ToArray();
        var pixels = new uint[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = i < palette.Length ? palette[i] : palette[random.Next(palette.Length)] | 0xFF000000;
        }

        var png = PalettePngEncoder.TryEncode(MemoryMarshal.AsBytes(pixels.AsSpan()), width, height);

        Assert.NotNull(png);
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        for (var i = 0; i < pixels.Length; i++)
        {
            var c = decoded.GetPixel(i % width, i / width);
            Assert.Equal(pixels[i] & 0xFFFFFF, (uint)(c.Red << 16 | c.Green << 8 | c.Blue));
        }
    }

    [Fact]
    public void TryEncode_257Colours_Null()
    {
        var pixels = Enumerable.Range(0, 257).Select(i => (uint)i).ToArray();

        Assert.Null(PalettePngEncoder.TryEncode(MemoryMarshal.AsBytes(pixels.AsSpan()), 257, 1));
    }

    [Fact]
    public void TryEncode_QemuConsole_SmallerThanTrueColourPng()
    {
        using var screen = SKBitmap.Decode(Path.Combine(AppContext.BaseDirectory, "Display", "Captures", "screendump.png"))
            .Copy(SKColorType.Bgra8888);
        var pixels = screen.Bytes;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var indexed = PalettePngEncoder.TryEncode(pixels, screen.Width, screen.Height)!;
        var indexedTime = clock.Elapsed;
        clock.Restart();
        var trueColour = TileEncoder.Encode(pixels, screen.Width, screen.Height, TileFormat.Jpeg, 100);
        output.WriteLine($"indexed PNG {indexed.Length} bytes in {indexedTime.TotalMilliseconds:0.0} ms; JPEG q100 {trueColour.Length} bytes in {clock.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.True(indexed.Length < 8 * 1024, $"{indexed.Length} bytes");
    }
}
