using HvWeb.Display.Rfb;
using HvWeb.Tests.E2e.Support;
using Xunit.Abstractions;

namespace HvWeb.Tests.E2e.Display;

/// <summary>HvWeb's RFB client against the VNC server of a real QEMU guest, one connection per encoding.</summary>
public sealed class RfbQemuTests(BootedGuestFixture guest, ITestOutputHelper output) : IClassFixture<BootedGuestFixture>
{
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("raw")]
    [InlineData("hextile")]
    [InlineData("zlib")]
    [InlineData("zrle")]
    [InlineData("tight")]
    public async Task FirstUpdate_EachEncoding_MatchesQmpScreendump(string encoding)
    {
        var options = new RfbClientOptions { Encodings = [RfbEncoding.Parse(encoding)] };
        await using var stream = await HvWeb.Display.DisplaySource.UnixSocket(guest.VncSocket)(CancellationToken.None);
        await using var client = await RfbClient.ConnectAsync(stream, options, CancellationToken.None);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(sink, stop.Token);

        // The first updates carry QEMU's pseudo-encodings (key events, LEDs, pointer), then the screen.
        var different = await WaitForMatchAsync(sink, async () => PngImage.Decode(await guest.Host.Manager.ScreenshotPngAsync(guest.Vm.Id)));
        output.WriteLine($"{encoding}: {client.BytesRead} bytes, {client.Statistics.DecodeTime.TotalMilliseconds:0.0} ms, {different:P3} different");
        Assert.True(client.ExtendedKeyEvents, "QEMU did not confirm extended key events");
        Assert.True(different < 0.002, $"{different:P2} of the pixels differ from the screendump");
        Assert.True(sink.Framebuffer.Width == 720 && sink.Framebuffer.Height == 400, $"{sink.Framebuffer.Width}x{sink.Framebuffer.Height}");

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    /// <summary>
    /// Waits until the decoded screen is the current screendump (the text cursor blinks: one
    /// character cell may differ). The dump is taken again each round: the guest may still print a
    /// line to its console after the first one.
    /// </summary>
    private static async Task<double> WaitForMatchAsync(RecordingSink sink, Func<Task<PngImage>> screendump)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var different = ScreenComparison.DifferentShare(sink.Framebuffer, await screendump());
            if (different < 0.002 || clock.Elapsed > UpdateTimeout)
            {
                return different;
            }

            await Task.Delay(50);
        }
    }
}
