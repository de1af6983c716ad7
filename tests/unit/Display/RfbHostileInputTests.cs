using HvWeb.Display.Rfb;

namespace HvWeb.Tests.Unit.Display;

/// <summary>Truncated, malformed and oversized server input ends the connection with a protocol error, nothing worse.</summary>
public sealed class RfbHostileInputTests
{
    [Fact]
    public async Task Update_TruncatedAtEveryByte_ThrowsProtocolExceptionOrEndsCleanly()
    {
        var script = new RfbScript().Handshake(20, 18);
        var handshakeLength = script.Length;
        var zrle = script.Deflate([0, .. Enumerable.Repeat((byte)7, 4 * 2 * 3)]);
        script.Update(3)
            .Rect(0, 0, 2, 2, RfbEncoding.Raw).Pixels(0xFF0000, 4)
            .Rect(0, 2, 20, 16, RfbEncoding.Hextile).U8(2 | 8).Pixel(1).U8(1).U8(0x11).U8(0x22).U8(2).Pixel(3)
            .Rect(4, 0, 4, 2, RfbEncoding.Zrle).U32((uint)zrle.Length).Bytes(zrle);
        var bytes = script.ToArray();

        for (var length = handshakeLength; length < bytes.Length; length++)
        {
            if (length == handshakeLength)
            {
                await RfbReplay.RunAsync(bytes[..length]); // the server closed between messages: a clean end
                continue;
            }

            var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(bytes[..length]));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }

        await RfbReplay.RunAsync(bytes);
    }

    [Theory]
    [InlineData(8193, 100)]
    [InlineData(8000, 8000)]
    [InlineData(0, 0)]
    public async Task DesktopSize_HugeOrEmpty_Refused(int width, int height)
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, width, height, RfbEncoding.DesktopSize).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains($"asked for a {width}x{height} screen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rect_OutsideScreen_Refused()
    {
        var script = new RfbScript().Handshake(64, 32).Update(1).Rect(60, 0, 8, 1, RfbEncoding.Raw).Pixels(0, 8).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("outside the 64x32 screen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyRect_SourceOutsideScreen_Refused()
    {
        var script = new RfbScript().Handshake(64, 32).Update(1).Rect(0, 0, 8, 8, RfbEncoding.CopyRect).U16(60).U16(30).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("reads outside", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-239)] // cursor: never asked for
    [InlineData(21)] // JPEG encoding
    public async Task Rect_EncodingNotAskedFor_Refused(int encoding)
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 1, 1, encoding).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("did not ask for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_UnknownType_Refused()
    {
        var script = new RfbScript().Handshake().U8(150).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("message type 150", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CutText_OverLimit_RefusedWithoutReadingIt()
    {
        var script = new RfbScript().Handshake().U8(3).Bytes([0, 0, 0]).U32(0x7FFF_FFFF).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("clipboard text of 2147483647 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zlib_LengthOverLimit_Refused()
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 1, 1, RfbEncoding.Zlib).U32(0xFFFF_FFFF).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("over the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zlib_GarbageData_Refused()
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 1, 1, RfbEncoding.Zlib).U32(8).Bytes([1, 2, 3, 4, 5, 6, 7, 8]).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("not valid zlib data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zlib_DataShorterThanPixels_Refused()
    {
        var script = new RfbScript().Handshake();
        var data = script.Deflate(new byte[4]); // one pixel for a 2x1 rectangle
        script.Update(1).Rect(0, 0, 2, 1, RfbEncoding.Zlib).U32((uint)data.Length).Bytes(data);

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script.ToArray()));

        Assert.Contains("ends before its pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hextile_SubrectOutsideTile_Refused()
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 4, 4, RfbEncoding.Hextile)
            .U8(2 | 4 | 8).Pixel(0).Pixel(1).U8(1).U8(0x22).U8(0x33).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("outside its 4x4 tile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0b1111_1111 }, "colour 3 of a 3-colour palette")]
    [InlineData(new byte[] { 130, 0, 0, 0, 1, 1, 1, 5 }, "colour 5 of a 2-colour palette")]
    [InlineData(new byte[] { 128, 0, 0, 0, 200 }, "run goes past the end")]
    [InlineData(new byte[] { 17 }, "sub-encoding 17")]
    public async Task Zrle_BadTile_Refused(byte[] tile, string expected)
    {
        var script = new RfbScript().Handshake();
        var data = script.Deflate(tile);
        script.Update(1).Rect(0, 0, 4, 1, RfbEncoding.Zrle).U32((uint)data.Length).Bytes(data);

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script.ToArray()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x90, "JPEG or PNG")]
    [InlineData(0xA0, "JPEG or PNG")]
    [InlineData(0x40, "filter 3")]
    public async Task Tight_UnsupportedOrUndefined_Refused(int control, string expected)
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 2, 1, RfbEncoding.Tight).U8(control).U8(3).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tight_PaletteIndexOutOfRange_Refused()
    {
        var script = new RfbScript().Handshake().Update(1).Rect(0, 0, 2, 1, RfbEncoding.Tight)
            .U8(0x40).U8(1).U8(2).Bytes(new byte[9]).Bytes([0, 7]).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.RunAsync(script));

        Assert.Contains("colour 7 of a 3-colour palette", error.Message, StringComparison.Ordinal);
    }
}
