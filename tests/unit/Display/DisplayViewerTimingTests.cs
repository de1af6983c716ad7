using HvWeb.Display;
using HvWeb.Display.Rfb;
using HvWeb.Display.Tiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HvWeb.Tests.Unit.Display;

/// <summary>The viewer's timing heuristics on a fake clock: the stall timeout and lossless refinement.</summary>
public sealed class DisplayViewerTimingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeRfbServer _server = new(96, 64);
    private readonly FakeTimeProvider _time = new();
    private DisplaySource _source = default!;

    public async Task InitializeAsync()
    {
        _source = new DisplaySource("VM 'test'", DisplaySource.UnixSocket(_server.SocketPath), new RfbClientOptions(), _time, NullLogger.Instance);
        _source.Start();
        await _source.Connected.WaitAsync(Timeout);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Viewer_NoAcknowledgementForStallTimeout_EndedWithMessage()
    {
        await using var viewer = _source.AddViewer(readOnly: true);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();
        for (var i = 0; i < DisplayPacing.MaxFramesInFlight; i++)
        {
            await _server.SendScreenAsync((uint)i + 1);
            Assert.True(await AdvanceUntilAsync(frames.MoveNextAsync().AsTask(), TimeSpan.FromMilliseconds(20)));
        }

        await _server.SendScreenAsync(0x42);
        var next = frames.MoveNextAsync().AsTask();
        _time.Advance(DisplayPacing.ViewerStallTimeout - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.False(next.IsCompleted);

        var error = await Assert.ThrowsAsync<DisplayViewerStalledException>(() => AdvanceUntilAsync(next, TimeSpan.FromSeconds(5)));
        Assert.Contains("drew nothing for 30 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_JpegRegionStopsChanging_ResentAsPng()
    {
        await using var viewer = _source.AddViewer(readOnly: false);
        await using var frames = viewer.ReadFramesAsync(CancellationToken.None).GetAsyncEnumerator();
        var random = new Random(3);
        var noise = new RfbScript().Update(1).Rect(0, 0, 96, 64, RfbEncoding.Raw);
        for (var i = 0; i < 96 * 64; i++)
        {
            noise.Pixel((uint)random.Next(0x1000000));
        }

        await _server.SendAsync(noise.ToArray());
        DisplayFrame frame;
        do
        {
            Assert.True(await AdvanceUntilAsync(frames.MoveNextAsync().AsTask(), TimeSpan.FromMilliseconds(20)));
            frame = frames.Current;
            viewer.Acknowledge(frame.Sequence);
        }
        while (frame.Tiles.All(t => t.Format != TileFormat.Jpeg));

        var refined = frames.MoveNextAsync().AsTask();
        _time.Advance(DisplayPacing.LosslessRefineDelay - TimeSpan.FromMilliseconds(100));
        await Task.Delay(100);
        Assert.False(refined.IsCompleted, "refined before the delay");
        Assert.True(await AdvanceUntilAsync(refined, TimeSpan.FromMilliseconds(100)));

        Assert.All(frames.Current.Tiles, t => Assert.Equal(TileFormat.Png, t.Format));
        Assert.Equal(96L * 64, frames.Current.Tiles.Sum(t => t.Rect.Area));
    }

    /// <summary>Advances the fake clock in steps (letting real time pass too) until the task completes.</summary>
    private async Task<T> AdvanceUntilAsync<T>(Task<T> task, TimeSpan step)
    {
        await AdvanceUntilAsync((Task)task, step);
        return await task;
    }

    private async Task AdvanceUntilAsync(Task task, TimeSpan step)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && clock.Elapsed < Timeout)
        {
            await Task.WhenAny(task, Task.Delay(10));
            if (!task.IsCompleted)
            {
                _time.Advance(step);
            }
        }

        await task.WaitAsync(TimeSpan.FromMilliseconds(1));
    }
}
