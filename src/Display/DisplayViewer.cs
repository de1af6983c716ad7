using System.Buffers;
using System.Runtime.CompilerServices;
using HvWeb.Display.Frames;
using HvWeb.Display.Input;
using HvWeb.Display.Tiles;

namespace HvWeb.Display;

/// <summary>
/// One viewer of a <see cref="DisplaySource"/> (a browser tab): its own dirty region, frame
/// pacing, flow control (<see cref="DisplayPacing.MaxFramesInFlight"/> frames not yet drawn) and
/// input. A read-only viewer's input is refused here, on the server.
/// </summary>
public sealed partial class DisplayViewer : IAsyncDisposable
{
    private readonly DisplaySource _source;
    private readonly AsyncSignal _signal = new();
    private readonly DirtyGrid _dirty = new(0, 0);
    private readonly HashSet<uint> _pressed = [];
    private readonly LossyTiles _lossy;
    private int _width;
    private int _height;
    private long _sent;
    private long _acknowledged;
    private string? _closedReason;
    private bool _disposed;

    internal DisplayViewer(DisplaySource source, bool readOnly)
    {
        _source = source;
        ReadOnly = readOnly;
        _lossy = new LossyTiles(source.Time);
    }

    public bool ReadOnly { get; }

    /// <summary>Frames produced and bytes in them, for statistics.</summary>
    public long FramesSent => Interlocked.Read(ref _sent);

    public long BytesSent { get; private set; }

    private TimeProvider Time => _source.Time;

    private Framebuffer Framebuffer => _source.Framebuffer;

    /// <summary>
    /// Frames for this viewer, as fast as it draws them. Ends with <see cref="DisplayClosedException"/>
    /// when the source closes, or with <see cref="DisplayViewerStalledException"/> when frames wait
    /// longer than <see cref="DisplayPacing.ViewerStallTimeout"/> for an acknowledgement.
    /// </summary>
    public async IAsyncEnumerable<DisplayFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastFrame = Time.GetTimestamp() - (long)(DisplayPacing.MinFrameInterval.TotalSeconds * Time.TimestampFrequency);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfClosed();
            if (_sent - Interlocked.Read(ref _acknowledged) >= DisplayPacing.MaxFramesInFlight)
            {
                await WaitForAcknowledgementAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var refineIn = NextRefinement();
            if (!HasDirty() && refineIn != TimeSpan.Zero)
            {
                await _signal.WaitAsync(refineIn ?? Timeout.InfiniteTimeSpan, Time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var wait = DisplayPacing.MinFrameInterval - Time.GetElapsedTime(lastFrame);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, cancellationToken).ConfigureAwait(false);
            }

            var frame = TakeFrame();
            lastFrame = Time.GetTimestamp();
            if (frame is not null)
            {
                yield return frame;
            }
        }
    }

    /// <summary>The browser has drawn frame <paramref name="sequence"/> (and every one before it).</summary>
    public void Acknowledge(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _acknowledged);
            if (sequence <= current || sequence > Interlocked.Read(ref _sent))
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _acknowledged, sequence, current) != current);

        _signal.Set();
    }

    private async Task WaitForAcknowledgementAsync(CancellationToken cancellationToken)
    {
        var waiting = Time.GetTimestamp();
        while (_sent - Interlocked.Read(ref _acknowledged) >= DisplayPacing.MaxFramesInFlight)
        {
            ThrowIfClosed();
            var left = DisplayPacing.ViewerStallTimeout - Time.GetElapsedTime(waiting);
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left, Time, cancellationToken).ConfigureAwait(false) &&
                Time.GetElapsedTime(waiting) >= DisplayPacing.ViewerStallTimeout)
            {
                throw new DisplayViewerStalledException(
                    $"The browser drew nothing for {DisplayPacing.ViewerStallTimeout.TotalSeconds:0} s, so this view of {_source.Name} was ended; reconnect to continue.");
            }
        }
    }

    private bool HasDirty()
    {
        lock (Framebuffer.Sync)
        {
            return !_dirty.IsEmpty;
        }
    }

    /// <summary>Zero when lossy tiles are due for lossless refinement, the time until the next one is due, or null when none waits.</summary>
    private TimeSpan? NextRefinement()
    {
        lock (Framebuffer.Sync)
        {
            return _lossy.NextDue();
        }
    }

    /// <summary>Takes the dirty region (and tiles due for refinement), copies their pixels and encodes them.</summary>
    private DisplayFrame? TakeFrame()
    {
        var now = Time.GetTimestamp();
        var regions = new List<(PixelRect Rect, byte[] Pixels, bool Lossless)>();
        int width, height;
        lock (Framebuffer.Sync)
        {
            (width, height) = (_width, _height);
            var refine = _lossy.TakeDue(_dirty, now);
            foreach (var rect in _dirty.Take())
            {
                regions.Add((rect, CopyOut(rect), false));
            }

            foreach (var rect in refine.Take())
            {
                regions.Add((rect, CopyOut(rect), true));
            }
        }

        if (regions.Count == 0)
        {
            return null;
        }

        var tiles = new List<EncodedTile>(regions.Count);
        foreach (var (rect, pixels, lossless) in regions)
        {
            try
            {
                var (format, data) = TileEncoder.EncodeBest(pixels, rect.Width, rect.Height, lossless);
                tiles.Add(new EncodedTile(rect, format, data));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(pixels);
            }
        }

        RecordLossy(tiles, now, width, height);
        var frame = new DisplayFrame(Interlocked.Increment(ref _sent), width, height, tiles);
        BytesSent += frame.Bytes;
        return frame;
    }

    private byte[] CopyOut(PixelRect rect)
    {
        var pixels = ArrayPool<byte>.Shared.Rent(rect.Width * rect.Height * 4);
        Framebuffer.CopyTo(rect, pixels);
        return pixels;
    }

    /// <summary>Remembers which tiles went out lossy (to refine later) and which went out lossless.</summary>
    private void RecordLossy(List<EncodedTile> tiles, long now, int width, int height)
    {
        lock (Framebuffer.Sync)
        {
            if (width == _width && height == _height)
            {
                _lossy.Record(tiles, now);
            }
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closedReason) is { } reason)
        {
            throw new DisplayClosedException(reason);
        }
    }

    /// <summary>Under the framebuffer lock: the screen has a new size; everything is dirty.</summary>
    internal void Resized(int width, int height)
    {
        _width = width;
        _height = height;
        _dirty.Resize(width, height);
        _dirty.MarkAll();
        _lossy.Reset(_dirty);
    }

    /// <summary>Under the framebuffer lock: tiles changed by the update that just ended.</summary>
    internal void Changed(DirtyGrid changed) => _dirty.MarkFrom(changed);

    internal void Wake() => _signal.Set();

    internal void Closed(string reason)
    {
        Volatile.Write(ref _closedReason, reason);
        _signal.Set();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _source.RemoveViewer(this);
        if (!ReadOnly && _source.State == DisplaySourceState.Connected)
        {
            try
            {
                await ReleaseKeysAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DisplayClosedException or IOException or ObjectDisposedException)
            {
                // The connection is gone; QEMU releases nothing it never got.
            }
        }
    }
}
