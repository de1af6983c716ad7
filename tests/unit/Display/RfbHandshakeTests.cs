using System.Text;
using HvWeb.Display.Rfb;

namespace HvWeb.Tests.Unit.Display;

public sealed class RfbHandshakeTests
{
    [Fact]
    public async Task Connect_Rfb38None_ParsesServerInitAndAsksForBgrxAndEncodings()
    {
        var script = new RfbScript().Handshake(1024, 768, "web01").ToArray();
        var (_, client, stream) = await RfbReplay.ConnectAsync(script);
        await using var _ = client;

        Assert.Equal(new RfbServerInit(1024, 768, RfbPixelFormat.Bgrx, "web01"), client.ServerInit);
        var written = stream.Written.ToArray();
        Assert.Equal("RFB 003.008\n"u8.ToArray(), written[..12]);
        Assert.Equal(1, written[12]); // security type None
        Assert.Equal(1, written[13]); // ClientInit: shared
        Assert.Equal(RfbClientMessages.SetPixelFormat(RfbPixelFormat.Bgrx), written[14..34]);
        Assert.Equal(RfbClientMessages.SetEncodingsType, written[34]);
        var encodings = Enumerable.Range(0, written[36] << 8 | written[37])
            .Select(i => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(written.AsSpan(38 + 4 * i)))
            .ToList();
        Assert.Equal(RfbClientOptions.DefaultEncodings, encodings.Take(RfbClientOptions.DefaultEncodings.Count));
        Assert.Contains(RfbEncoding.QemuExtendedKeyEvent, encodings);
        Assert.Contains(RfbEncoding.QemuLedState, encodings);
        Assert.Contains(RfbEncoding.DesktopSize, encodings);
    }

    [Fact]
    public async Task Connect_ServerRefuses_ThrowsWithItsReason()
    {
        var script = new RfbScript().Ascii("RFB 003.008\n").U8(0).U32(13).Ascii("Too many VMs.").ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.Equal("The VNC server refused the connection: Too many VMs.", error.Message);
    }

    [Fact]
    public async Task Connect_PasswordOnly_ThrowsSayingAuthentication()
    {
        var script = new RfbScript().Ascii("RFB 003.008\n").U8(1).U8(2).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.Contains("asks for authentication (security types 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SecurityResultFailed_ThrowsWithReason()
    {
        var script = new RfbScript().Ascii("RFB 003.008\n").U8(1).U8(1).U32(1).U32(6).Ascii("denied").ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.EndsWith("denied", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RFB 003.003\n", "speaks RFB 3.3")]
    [InlineData("HTTP/1.1 200", "not a VNC server")]
    [InlineData("RFB 00x.008\n", "not a VNC server")]
    public async Task Connect_WrongGreeting_ThrowsSayingWhy(string greeting, string expected)
    {
        var script = Encoding.ASCII.GetBytes(greeting);

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9000, 100)]
    [InlineData(8000, 8000)]
    [InlineData(0, 600)]
    public async Task Connect_ScreenOverLimits_Throws(int width, int height)
    {
        var script = new RfbScript().Handshake(width, height).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.Contains($"{width}x{height} screen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NameLongerThanLimit_Throws()
    {
        var script = new RfbScript().Ascii("RFB 003.008\n").U8(1).U8(1).U32(0).U16(64).U16(32)
            .Bytes(new byte[16]).U32(uint.MaxValue).ToArray();

        var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script));

        Assert.Contains("desktop name of 4294967295 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TruncatedAtEveryByte_ThrowsProtocolException()
    {
        var script = new RfbScript().Handshake().ToArray();
        for (var length = 0; length < script.Length; length++)
        {
            var error = await Assert.ThrowsAsync<RfbProtocolException>(() => RfbReplay.ConnectAsync(script[..length]));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }
}
