using HvWeb.Display.Rfb;

namespace HvWeb.Tests.Unit.Display;

/// <summary>Each encoding decoded from handcrafted server bytes.</summary>
public sealed class RfbDecoderTests
{
    private const uint Red = 0xFF0000, Green = 0x00FF00, Blue = 0x0000FF, White = 0xFFFFFF, Grey = 0x808080, Black = 0;

    [Fact]
    public async Task Raw_Rectangle_PixelsInPlace()
    {
        var script = new RfbScript().Handshake(4, 2).Update(1).Rect(1, 0, 2, 2, RfbEncoding.Raw)
            .Pixel(Red).Pixel(Green).Pixel(Blue).Pixel(White).ToArray();

        var sink = await RfbReplay.RunAsync(script);

        Assert.Equal(new uint[,] { { Black, Red, Green, Black }, { Black, Blue, White, Black } }, sink.Screen());
        Assert.Equal(1, sink.Updates);
    }

    [Fact]
    public async Task CopyRect_Overlapping_CopiesAsIfBuffered()
    {
        var script = new RfbScript().Handshake(3, 1).Update(2)
            .Rect(0, 0, 3, 1, RfbEncoding.Raw).Pixel(Red).Pixel(Green).Pixel(Blue)
            .Rect(1, 0, 2, 1, RfbEncoding.CopyRect).U16(0).U16(0).ToArray();

        var sink = await RfbReplay.RunAsync(script);

        Assert.Equal(new uint[,] { { Red, Red, Green } }, sink.Screen());
    }

    [Fact]
    public async Task Zlib_TwoRectangles_OneContinuingStream()
    {
        var script = new RfbScript().Handshake(2, 2);
        var first = script.Deflate(PixelBytes(Red, Green));
        var second = script.Deflate(PixelBytes(Blue, White));
        script.Update(2)
            .Rect(0, 0, 2, 1, RfbEncoding.Zlib).U32((uint)first.Length).Bytes(first)
            .Rect(0, 1, 2, 1, RfbEncoding.Zlib).U32((uint)second.Length).Bytes(second);

        var sink = await RfbReplay.RunAsync(script.ToArray());

        Assert.Equal(new uint[,] { { Red, Green }, { Blue, White } }, sink.Screen());
    }

    [Fact]
    public async Task Hextile_RawBackgroundAndSubrects_DrawnPerTile()
    {
        // 20x18: tiles 16x16 | 4x16 over 16x2 | 4x2.
        var script = new RfbScript().Handshake(20, 18).Update(1).Rect(0, 0, 20, 18, RfbEncoding.Hextile);
        script.U8(1).Pixels(Green, 16 * 16);                                           // raw
        script.U8(2).Pixel(Red);                                                       // background only
        script.U8(4 | 8).Pixel(White).U8(1).U8(0x10).U8(0x00);                          // background carried (red), white 1x1 at 1,0
        script.U8(2 | 8 | 16).Pixel(Grey).U8(2).Pixel(Blue).U8(0x00).U8(0x00).Pixel(White).U8(0x31).U8(0x00); // coloured subrects

        var sink = await RfbReplay.RunAsync(script.ToArray());

        var screen = sink.Screen();
        Assert.Equal(Green, screen[15, 15]);
        Assert.Equal(Red, screen[0, 16]);
        Assert.Equal(Red, screen[16, 0]);
        Assert.Equal(White, screen[16, 1]);
        Assert.Equal(Red, screen[17, 1]);
        Assert.Equal(Blue, screen[16, 16]);
        Assert.Equal(White, screen[17, 19]);
        Assert.Equal(Grey, screen[16, 17]);
    }

    [Fact]
    public async Task Zrle_EverySubencoding_Decoded()
    {
        var script = new RfbScript().Handshake(4, 10);
        var solid = script.Deflate([1, .. RfbScript.Cpixel(Red)]);
        var raw = script.Deflate([0, .. Cpixels(Red, Green, Blue, White, Grey, Black, Red, Green)]);
        // Packed palette of 2 colours, 1 bit per pixel, rows padded to a byte: 1010, 0101.
        var packed = script.Deflate([2, .. Cpixels(Blue, White), 0b1010_0000, 0b0101_0000]);
        // Plain RLE: 3 x red, 5 x green (run length - 1).
        var plainRle = script.Deflate([128, .. RfbScript.Cpixel(Red), 2, .. RfbScript.Cpixel(Green), 4]);
        // Palette RLE: white x 6 (index 1 with run), blue x 1, blue x 1 (index 0 without run).
        var paletteRle = script.Deflate([130, .. Cpixels(Blue, White), 0x81, 5, 0x00, 0x00]);
        script.Update(5);
        foreach (var (data, row) in new[] { (solid, 0), (raw, 2), (packed, 4), (plainRle, 6), (paletteRle, 8) })
        {
            script.Rect(0, row, 4, 2, RfbEncoding.Zrle).U32((uint)data.Length).Bytes(data);
        }

        var sink = await RfbReplay.RunAsync(script.ToArray());

        Assert.Equal(
            new uint[,]
            {
                { Red, Red, Red, Red }, { Red, Red, Red, Red },
                { Red, Green, Blue, White }, { Grey, Black, Red, Green },
                { White, Blue, White, Blue }, { Blue, White, Blue, White },
                { Red, Red, Red, Green }, { Green, Green, Green, Green },
                { White, White, White, White }, { White, White, Blue, Blue },
            },
            sink.Screen());
    }

    [Fact]
    public async Task Zrle_RectangleWiderThanTile_SplitsInto64PixelTiles()
    {
        var script = new RfbScript().Handshake(70, 1);
        var data = script.Deflate([1, .. RfbScript.Cpixel(Red), 1, .. RfbScript.Cpixel(Blue)]);
        script.Update(1).Rect(0, 0, 70, 1, RfbEncoding.Zrle).U32((uint)data.Length).Bytes(data);

        var sink = await RfbReplay.RunAsync(script.ToArray());

        Assert.Equal(Red, sink.Framebuffer.PixelAt(63, 0));
        Assert.Equal(Blue, sink.Framebuffer.PixelAt(64, 0));
    }

    [Fact]
    public async Task Tight_FillCopyPaletteAndGradient_Decoded()
    {
        var script = new RfbScript().Handshake(4, 8);
        script.Update(5);
        // Fill (0x80).
        script.Rect(0, 0, 4, 1, RfbEncoding.Tight).U8(0x80).Bytes(RfbScript.Tpixel(Green));
        // Copy filter, stream 0, 12 bytes: compressed.
        var copy = script.Deflate(Tpixels(Red, Green, Blue, White));
        script.Rect(0, 1, 4, 1, RfbEncoding.Tight).U8(0x00).CompactLength(copy.Length).Bytes(copy);
        // Palette of 2 with explicit filter, stream 1: 1 row of 4 pixels = 1 byte (< 12: sent as is).
        script.Rect(0, 2, 4, 1, RfbEncoding.Tight).U8(0x50).U8(1).U8(1).Bytes([.. RfbScript.Tpixel(Black), .. RfbScript.Tpixel(White)]).U8(0b0110_0000);
        // Palette of 3, stream 2 (a stream of its own, so reset before use), 4x3 indexes = 12 bytes: compressed.
        script.ResetDeflate();
        var indexes = script.Deflate([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
        script.Rect(0, 3, 4, 3, RfbEncoding.Tight).U8(0x64).U8(1).U8(2)
            .Bytes([.. RfbScript.Tpixel(Red), .. RfbScript.Tpixel(Green), .. RfbScript.Tpixel(Blue)])
            .CompactLength(indexes.Length).Bytes(indexes);
        // Gradient, stream 3 reset by the control byte: a 4x2 ramp.
        script.ResetDeflate();
        var gradient = script.Deflate(GradientFilter(4, 2, (x, y) => (uint)(x * 0x101010 + y * 0x202020)));
        script.Rect(0, 6, 4, 2, RfbEncoding.Tight).U8(0x08 | 0x70).U8(2).CompactLength(gradient.Length).Bytes(gradient);

        var sink = await RfbReplay.RunAsync(script.ToArray());

        var screen = sink.Screen();
        Assert.Equal(Green, screen[0, 3]);
        Assert.Equal(new[] { Red, Green, Blue, White }, Row(screen, 1));
        Assert.Equal(new[] { Black, White, White, Black }, Row(screen, 2));
        Assert.Equal(new[] { Red, Green, Blue, Red }, Row(screen, 3));
        Assert.Equal(new[] { Green, Blue, Red, Green }, Row(screen, 4));
        Assert.Equal(new uint[] { 0x202020, 0x303030, 0x404040, 0x505050 }, Row(screen, 7));
    }

    [Fact]
    public async Task DesktopSize_MidSession_ResizesAndNextRectanglesUseNewSize()
    {
        var script = new RfbScript().Handshake(4, 2).Update(2)
            .Rect(0, 0, 8, 4, RfbEncoding.DesktopSize)
            .Rect(6, 3, 1, 1, RfbEncoding.Raw).Pixel(Red).ToArray();

        var sink = await RfbReplay.RunAsync(script);

        Assert.Equal([(4, 2), (8, 4)], sink.Sizes);
        Assert.Equal(Red, sink.Framebuffer.PixelAt(6, 3));
    }

    [Fact]
    public async Task QemuPseudoEncodings_ReportedToSinkAndClient()
    {
        var script = new RfbScript().Handshake(4, 2).Update(4)
            .Rect(0, 0, 0, 0, RfbEncoding.QemuExtendedKeyEvent)
            .Rect(1, 0, 0, 0, RfbEncoding.QemuPointerMotionChange)
            .Rect(0, 0, 0, 0, RfbEncoding.QemuLedState).U8(2)
            .Rect(0, 0, 0, 0, RfbEncoding.LastRect)
            .U8(2) // bell
            .U8(3).Bytes([0, 0, 0]).U32(5).Ascii("hello") // server cut text: skipped
            .U8(1).U8(0).U16(0).U16(1).Bytes(new byte[6]) // colour map entries: skipped
            .ToArray();
        var (sink, client, stream) = await RfbReplay.ConnectAsync(script);
        await using var _ = client;
        await using var __ = stream;

        await client.RunAsync(sink, CancellationToken.None);

        Assert.True(client.ExtendedKeyEvents);
        Assert.True(sink.PointerAbsolute);
        Assert.Equal(2, sink.Leds);
        Assert.Equal(1, sink.Bells);
    }

    [Fact]
    public async Task AnyEncoding_ReadOneByteAtATime_SameScreen()
    {
        var script = new RfbScript().Handshake(4, 10);
        var raw = script.Deflate([0, .. Cpixels(Red, Green, Blue, White, Grey, Black, Red, Green)]);
        script.Update(2).Rect(0, 0, 4, 2, RfbEncoding.Zrle).U32((uint)raw.Length).Bytes(raw)
            .Rect(0, 2, 2, 1, RfbEncoding.Hextile).U8(2 | 8).Pixel(Blue).U8(1).U8(0x00).U8(0x00);

        var whole = await RfbReplay.RunAsync(script.ToArray());
        var pieces = await RfbReplay.RunAsync(script.ToArray(), maxReadSize: 1);

        Assert.Equal(whole.Screen(), pieces.Screen());
    }

    [Fact]
    public async Task KeyAndPointer_Sent_AsQemuExtendedKeyAndPointerEvents()
    {
        var (_, client, stream) = await RfbReplay.ConnectAsync(new RfbScript().Handshake().ToArray());
        await using var _ = client;
        var before = stream.Written.Length;

        await client.KeyAsync(0xD3, down: true, CancellationToken.None);
        await client.PointerAsync(1, 300, 200, CancellationToken.None);

        var sent = stream.Written.ToArray()[(int)before..];
        Assert.Equal(new byte[] { 255, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xD3 }, sent[..12]);
        Assert.Equal(new byte[] { 5, 1, 0x01, 0x2C, 0x00, 0xC8 }, sent[12..]);
    }

    internal static byte[] PixelBytes(params uint[] pixels) =>
        [.. pixels.SelectMany(p => new[] { (byte)p, (byte)(p >> 8), (byte)(p >> 16), (byte)0 })];

    private static byte[] Cpixels(params uint[] pixels) => [.. pixels.SelectMany(RfbScript.Cpixel)];

    private static byte[] Tpixels(params uint[] pixels) => [.. pixels.SelectMany(RfbScript.Tpixel)];

    private static uint[] Row(uint[,] screen, int y) => [.. Enumerable.Range(0, screen.GetLength(1)).Select(x => screen[y, x])];

    /// <summary>Tight's gradient filter applied by a server: each component minus its prediction.</summary>
    private static byte[] GradientFilter(int width, int height, Func<int, int, uint> pixel)
    {
        int Component(int x, int y, int c) => x < 0 || y < 0 ? 0 : (int)(pixel(x, y) >> (16 - 8 * c) & 0xFF);
        var data = new List<byte>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var predicted = Math.Clamp(Component(x - 1, y, c) + Component(x, y - 1, c) - Component(x - 1, y - 1, c), 0, 255);
                    data.Add((byte)(Component(x, y, c) - predicted));
                }
            }
        }

        return [.. data];
    }
}
