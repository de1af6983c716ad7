using System.IO.Compression;
using HvWeb.Display.Rfb;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Display;

/// <summary>
/// Not a test: records what QEMU's VNC server sends for the tiny guest's console in each encoding
/// (server-to-client bytes up to the last whole update, gzip'd) plus QEMU's screendump, into
/// $HVWEB_CAPTURE_RFB. The files are tests/unit/Display/Captures, replayed by the unit tests.
/// </summary>
public sealed class RfbCaptureTool(BootedGuestFixture guest) : IClassFixture<BootedGuestFixture>
{
    public const string Variable = "HVWEB_CAPTURE_RFB";

    [CaptureFact]
    public async Task Capture_EveryEncoding_WritesFiles()
    {
        var folder = Environment.GetEnvironmentVariable(Variable)!;
        Directory.CreateDirectory(folder);
        var dumpBytes = await guest.Host.Manager.ScreenshotPngAsync(guest.Vm.Id);
        var dump = PngImage.Decode(dumpBytes);
        await File.WriteAllBytesAsync(Path.Combine(folder, "screendump.png"), dumpBytes);
        foreach (var encoding in new[] { "raw", "hextile", "zlib", "zrle", "tight" })
        {
            await using var tee = new TeeStream(await HvWeb.Display.DisplaySource.UnixSocket(guest.VncSocket)(CancellationToken.None));
            await using var client = await RfbClient.ConnectAsync(tee, new RfbClientOptions { Encodings = [RfbEncoding.Parse(encoding)] }, CancellationToken.None);
            var sink = new CutAtUpdateSink(tee);
            using var stop = new CancellationTokenSource();
            var run = client.RunAsync(sink, stop.Token);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (ScreenComparison.DifferentShare(sink.Framebuffer, dump) > 0.002 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            await using var file = File.Create(Path.Combine(folder, $"qemu-console-{encoding}.rfb.gz"));
            await using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
            await gzip.WriteAsync(tee.Read(sink.LastUpdateEnd));
        }
    }

    private sealed class CutAtUpdateSink(TeeStream tee) : IRfbSink
    {
        private readonly RecordingSink _inner = new();

        public HvWeb.Display.Frames.Framebuffer Framebuffer => _inner.Framebuffer;

        public long LastUpdateEnd { get; private set; }

        public void Resize(int width, int height) => _inner.Resize(width, height);

        public void Fill(HvWeb.Display.Frames.PixelRect rect, uint pixel) => _inner.Fill(rect, pixel);

        public void Put(HvWeb.Display.Frames.PixelRect rect, ReadOnlySpan<byte> pixels, int stride) => _inner.Put(rect, pixels, stride);

        public void Copy(int sourceX, int sourceY, HvWeb.Display.Frames.PixelRect target) => _inner.Copy(sourceX, sourceY, target);

        /// <summary>
        /// The update just ended. QEMU sends an update only when asked and the client asks again
        /// only after this, so nothing of a next update can have been read yet: the bytes so far end
        /// at a message boundary.
        /// </summary>
        public void UpdateEnd() => LastUpdateEnd = tee.BytesRead;

        public void PointerMode(bool absolute) => _inner.PointerMode(absolute);

        public void LedState(int leds) => _inner.LedState(leds);

        public void Bell() => _inner.Bell();
    }
}
