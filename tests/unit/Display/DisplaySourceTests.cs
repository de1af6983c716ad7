using HvWeb.Display;
using HvWeb.Display.Rfb;
using Microsoft.Extensions.Logging.Abstractions;

namespace HvWeb.Tests.Unit.Display;

/// <summary>The shared source and its viewers against a fake VNC server on a real unix socket.</summary>
public sealed class DisplaySourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeRfbServer _server = new(96, 64);
    private DisplaySource _source = default!;

    public async Task InitializeAsync()
    {
        _source = new DisplaySource("VM 'test'", DisplaySource.UnixSocket(_server.SocketPath), new RfbClientOptions(), TimeProvider.System, NullLogger.Instance);
        _source.Start();
        await _source.Connected.WaitAsync(Timeout);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Viewer_ServerDrawsScreen_FramesShowIt()
    {
        await using var viewer = _source.AddViewer(readOnly: false);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();

        await _server.SendScreenAsync(0x336699);
        var canvas = await DrawUntilAsync(frames, viewer, c => c.IsAll(0x336699));

        Assert.Equal((96, 64), (canvas.Width, canvas.Height));
    }

    [Fact]
    public async Task Viewer_SmallChange_FrameHoldsOnlyItsTile()
    {
        await using var viewer = _source.AddViewer(readOnly: false);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();
        await _server.SendScreenAsync(0x111111);
        var canvas = await DrawUntilAsync(frames, viewer, c => c.IsAll(0x111111));

        // The screen's pixels can reach the framebuffer before its dirty marks reach the viewer, so
        // one more full frame may follow; wait until the viewer has been quiet for a second.
        var next = frames.MoveNextAsync().AsTask();
        while (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1))) == next)
        {
            Assert.True(await next);
            canvas.Draw(frames.Current);
            viewer.Acknowledge(frames.Current.Sequence);
            next = frames.MoveNextAsync().AsTask();
        }

        await _server.SendAsync(new RfbScript().Update(1).Rect(70, 10, 2, 2, RfbEncoding.Raw).Pixels(0xFF0000, 4).ToArray());
        Assert.True(await next.WaitAsync(Timeout));

        var tile = Assert.Single(frames.Current.Tiles);
        Assert.Equal(new HvWeb.Display.Frames.PixelRect(64, 0, 32, 64), tile.Rect);
        canvas.Draw(frames.Current);
        Assert.Equal(0xFF0000u, canvas[71, 11]);
    }

    [Fact]
    public async Task ReadOnlyViewer_Input_RefusedAndNothingReachesServer()
    {
        await using var viewer = _source.AddViewer(readOnly: true);

        await Assert.ThrowsAsync<DisplayInputRefusedException>(() => viewer.KeyAsync("KeyA", true, CancellationToken.None));
        await Assert.ThrowsAsync<DisplayInputRefusedException>(() => viewer.PointerAsync(1, 1, 1, CancellationToken.None));
        await Assert.ThrowsAsync<DisplayInputRefusedException>(() => viewer.TypeTextAsync("x", CancellationToken.None));
        await Assert.ThrowsAsync<DisplayInputRefusedException>(() => viewer.CtrlAltDelAsync(CancellationToken.None));

        await _source.AddViewer(readOnly: false).PointerAsync(5, 6, 0, CancellationToken.None);
        Assert.Equal(new byte[] { 5, 0, 0, 5, 0, 6 }, await _server.NextEventAsync()); // the first event is the other viewer's
    }

    [Fact]
    public async Task Viewer_KeyByCode_QemuExtendedKeyEventWithScancode()
    {
        await using var viewer = _source.AddViewer(readOnly: false);

        Assert.True(await viewer.KeyAsync("Delete", true, CancellationToken.None));
        Assert.False(await viewer.KeyAsync("NoSuchKey", true, CancellationToken.None));

        Assert.Equal(new byte[] { 255, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xD3 }, await _server.NextEventAsync());
    }

    [Fact]
    public async Task Viewer_Disposed_ReleasesKeysItHeld()
    {
        var viewer = _source.AddViewer(readOnly: false);
        await viewer.KeyAsync("ShiftLeft", true, CancellationToken.None);
        Assert.Equal(1, (await _server.NextEventAsync())[3]);

        await viewer.DisposeAsync();

        var release = await _server.NextEventAsync();
        Assert.Equal((0, 0x2A), (release[3], release[11]));
    }

    [Fact]
    public async Task Pointer_OutsideScreen_ClampedToIt()
    {
        await using var viewer = _source.AddViewer(readOnly: false);

        await viewer.PointerAsync(5000, -3, 1 | 128, CancellationToken.None);

        Assert.Equal(new byte[] { 5, 1, 0, 95, 0, 0 }, await _server.NextEventAsync());
    }

    [Fact]
    public async Task TypeText_MixedCase_ShiftAroundUppercaseOnly()
    {
        await using var viewer = _source.AddViewer(readOnly: false);

        var result = await viewer.TypeTextAsync("aB€", CancellationToken.None);

        Assert.Equal(new TypeTextResult(2, 1), result);
        var keys = new List<(int Down, int Key)>();
        for (var i = 0; i < 6; i++)
        {
            var e = await _server.NextEventAsync();
            keys.Add((e[3], e[11]));
        }

        Assert.Equal([(1, 0x1E), (0, 0x1E), (1, 0x2A), (1, 0x30), (0, 0x30), (0, 0x2A)], keys);
    }

    [Fact]
    public async Task TypeText_TooLong_RefusedBeforeTyping()
    {
        await using var viewer = _source.AddViewer(readOnly: false);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => viewer.TypeTextAsync(new string('a', DisplayPacing.MaxTypedTextLength + 1), CancellationToken.None));

        Assert.Contains("at most 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlAltDel_PressesThenReleasesInReverse()
    {
        await using var viewer = _source.AddViewer(readOnly: false);

        await viewer.CtrlAltDelAsync(CancellationToken.None);

        var keys = new List<(int Down, int Key)>();
        for (var i = 0; i < 6; i++)
        {
            var e = await _server.NextEventAsync();
            keys.Add((e[3], e[11]));
        }

        Assert.Equal([(1, 0x1D), (1, 0x38), (1, 0xD3), (0, 0xD3), (0, 0x38), (0, 0x1D)], keys);
    }

    [Fact]
    public async Task SlowViewer_NeverAcknowledges_FastViewerGetsEveryChangeAndSlowOneCatchesUp()
    {
        await using var fast = _source.AddViewer(readOnly: false);
        await using var slow = _source.AddViewer(readOnly: true);
        await using var fastFrames = fast.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();
        await using var slowFrames = slow.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();
        var slowCanvas = new FrameCanvas();
        for (var i = 0; i < DisplayPacing.MaxFramesInFlight; i++)
        {
            await _server.SendScreenAsync((uint)i);
            Assert.True(await slowFrames.MoveNextAsync().AsTask().WaitAsync(Timeout));
            slowCanvas.Draw(slowFrames.Current);
        }

        // The slow viewer has its limit of frames in flight; the VM keeps changing.
        var pending = slowFrames.MoveNextAsync().AsTask();
        for (uint colour = 0x10; colour <= 0x30; colour += 0x10)
        {
            await _server.SendScreenAsync(colour);
            await DrawUntilAsync(fastFrames, fast, c => c.IsAll(colour));
        }

        Assert.False(pending.IsCompleted, "a viewer at its limit got another frame");
        Assert.True(_server.UpdateRequests >= 5, "the VM's updates stopped because of a slow viewer");

        // Once it acknowledges, it gets one frame with the latest picture.
        slow.Acknowledge(slow.FramesSent);
        Assert.True(await pending.WaitAsync(Timeout));
        slowCanvas.Draw(slowFrames.Current);
        Assert.True(slowCanvas.IsAll(0x30));
    }

    [Fact]
    public async Task Server_ClosesConnection_ViewersEndWithClearMessage()
    {
        await using var viewer = _source.AddViewer(readOnly: false);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();

        await _server.CloseClientAsync();

        var error = await Assert.ThrowsAsync<DisplayClosedException>(async () =>
        {
            while (await frames.MoveNextAsync().AsTask().WaitAsync(Timeout))
            {
                viewer.Acknowledge(frames.Current.Sequence);
            }
        });
        Assert.Equal("The screen of VM 'test' closed: the VM was turned off, saved or restarted.", error.Message);
        Assert.Equal(DisplaySourceState.Closed, _source.State);
        Assert.Throws<DisplayClosedException>(() => _source.AddViewer(false));
    }

    [Fact]
    public async Task Server_SendsMalformedUpdate_ViewersEndWithProtocolMessage()
    {
        await using var viewer = _source.AddViewer(readOnly: false);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();

        await _server.SendAsync(new RfbScript().Update(1).Rect(0, 0, 9000, 9000, RfbEncoding.DesktopSize).ToArray());

        var error = await Assert.ThrowsAsync<DisplayClosedException>(async () =>
        {
            while (await frames.MoveNextAsync().AsTask().WaitAsync(Timeout))
            {
                viewer.Acknowledge(frames.Current.Sequence);
            }
        });
        Assert.Contains("sent something HvWeb cannot show", error.Message, StringComparison.Ordinal);
        Assert.Contains("9000x9000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_NoSocket_ClosedSayingItCouldNotReachTheDisplay()
    {
        await using var source = new DisplaySource("VM 'gone'", DisplaySource.UnixSocket("/nonexistent/vnc.sock"), new RfbClientOptions(), TimeProvider.System, NullLogger.Instance);
        source.Start();

        var error = await Assert.ThrowsAsync<DisplayClosedException>(() => source.Connected.WaitAsync(Timeout));

        Assert.StartsWith("HvWeb could not reach the display of VM 'gone'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<FrameCanvas> DrawUntilAsync(IAsyncEnumerator<DisplayFrame> frames, DisplayViewer viewer, Func<FrameCanvas, bool> done, FrameCanvas? canvas = null)
    {
        canvas ??= new FrameCanvas();
        while (!done(canvas))
        {
            Assert.True(await frames.MoveNextAsync().AsTask().WaitAsync(Timeout));
            canvas.Draw(frames.Current);
            viewer.Acknowledge(frames.Current.Sequence);
        }

        return canvas;
    }
}
