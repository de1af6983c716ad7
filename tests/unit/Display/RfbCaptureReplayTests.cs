using System.IO.Compression;
using SkiaSharp;

namespace HvWeb.Tests.Unit.Display;

/// <summary>
/// Bytes QEMU 7.2's VNC server really sent for the tiny guest's console, one capture per encoding
/// (recorded by tests/e2e/Display/RfbCaptureTool), decoded again: each must give QEMU's own screendump.
/// </summary>
public sealed class RfbCaptureReplayTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Display", "Captures");

    [Theory]
    [InlineData("raw")]
    [InlineData("hextile")]
    [InlineData("zlib")]
    [InlineData("zrle")]
    [InlineData("tight")]
    public async Task Replay_QemuCapture_ScreenIsQemuScreendump(string encoding)
    {
        var script = await ReadCaptureAsync(encoding);

        var sink = await RfbReplay.RunAsync(script);

        using var dump = SKBitmap.Decode(Path.Combine(Folder, "screendump.png"));
        Assert.Equal((dump.Width, dump.Height), (sink.Framebuffer.Width, sink.Framebuffer.Height));
        var different = 0;
        for (var y = 0; y < dump.Height; y++)
        {
            for (var x = 0; x < dump.Width; x++)
            {
                var colour = dump.GetPixel(x, y);
                different += sink.Framebuffer.PixelAt(x, y) == (uint)(colour.Red << 16 | colour.Green << 8 | colour.Blue) ? 0 : 1;
            }
        }

        // Captured a moment apart from the screendump: the blinking cursor's cell (9x16) may differ.
        Assert.True(different <= 9 * 16, $"{different} pixels differ");
    }

    [Theory]
    [InlineData("zrle")]
    [InlineData("tight")]
    [InlineData("hextile")]
    public async Task Replay_QemuCaptureTruncated_ProtocolErrorNeverAnotherException(string encoding)
    {
        var script = await ReadCaptureAsync(encoding);
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var length = random.Next(script.Length);
            var error = await Record.ExceptionAsync(() => RfbReplay.RunAsync(script[..length]));
            Assert.True(error is null or HvWeb.Display.Rfb.RfbProtocolException, $"{error?.GetType().Name}: {error?.Message}");
        }
    }

    [Theory]
    [InlineData("zrle")]
    [InlineData("tight")]
    [InlineData("hextile")]
    [InlineData("zlib")]
    public async Task Replay_QemuCaptureWithFlippedBytes_ProtocolErrorNeverAnotherException(string encoding)
    {
        var original = await ReadCaptureAsync(encoding);
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var script = (byte[])original.Clone();
            for (var flips = 0; flips < 3; flips++)
            {
                // After the handshake (ServerInit ends with the name), anywhere in the updates.
                script[random.Next(40, script.Length)] ^= (byte)(1 << random.Next(8));
            }

            var error = await Record.ExceptionAsync(() => RfbReplay.RunAsync(script));
            Assert.True(error is null or HvWeb.Display.Rfb.RfbProtocolException, $"{error?.GetType().Name}: {error?.Message}\n{error?.StackTrace}");
        }
    }

    private static async Task<byte[]> ReadCaptureAsync(string encoding)
    {
        await using var file = File.OpenRead(Path.Combine(Folder, $"qemu-console-{encoding}.rfb.gz"));
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await gzip.CopyToAsync(bytes);
        return bytes.ToArray();
    }
}
