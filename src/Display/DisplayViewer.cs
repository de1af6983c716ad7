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
public sealed class DisplayViewer : IAsyncDisposable
{
    private readonly DisplaySource _source;
    private readonly AsyncSignal _signal = new();
    private readonly DirtyGrid _dirty = new(0, 0);
    private readonly HashSet<uint> _pressed = [];
    private long[] _lossySince = [];
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

    /// <summary>A key by <c>KeyboardEvent.code</c>; false for a code HvWeb does not know (ignored).</summary>
    public async Task<bool> KeyAsync(string code, bool down, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        if (!ScancodeMap.TryGetQemuKeycode(code, out var key))
        {
            return false;
        }

        lock (_pressed)
        {
            if (down)
            {
                _pressed.Add(key);
            }
            else
            {
                _pressed.Remove(key);
            }
        }

        await _source.KeyAsync(key, down, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Absolute pointer position in screen pixels, buttons as RFB's mask (bit 0 left, 1 middle, 2 right, 3–6 wheel).</summary>
    public Task PointerAsync(int x, int y, int buttons, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        return _source.PointerAsync(x, y, buttons, cancellationToken);
    }

    /// <summary>Types <paramref name="text"/> as key strokes (US layout); see <see cref="UsKeyboardText"/>.</summary>
    public Task<TypeTextResult> TypeTextAsync(string text, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        return _source.TypeTextAsync(text, cancellationToken);
    }

    /// <summary>Ctrl+Alt+Del, which a browser never passes to a page.</summary>
    public async Task CtrlAltDelAsync(CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        uint[] keys = [ScancodeMap.ToQemuKeycode(0x1D), ScancodeMap.ToQemuKeycode(0x38), ScancodeMap.ToQemuKeycode(0xE053)];
        foreach (var key in keys)
        {
            await _source.KeyAsync(key, true, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in keys.Reverse())
        {
            await _source.KeyAsync(key, false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases every key this viewer holds down (the page lost focus, the viewer leaves).</summary>
    public async Task ReleaseKeysAsync(CancellationToken cancellationToken)
    {
        uint[] pressed;
        lock (_pressed)
        {
            pressed = [.. _pressed];
            _pressed.Clear();
        }

        foreach (var key in pressed)
        {
            await _source.KeyAsync(key, false, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RefuseIfReadOnly()
    {
        if (ReadOnly)
        {
            throw new DisplayInputRefusedException();
        }
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
            var oldest = long.MaxValue;
            foreach (var since in _lossySince)
            {
                if (since != 0 && since < oldest)
                {
                    oldest = since;
                }
            }

            if (oldest == long.MaxValue)
            {
                return null;
            }

            var left = DisplayPacing.LosslessRefineDelay - Time.GetElapsedTime(oldest);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
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
            var refine = TakeDueRefinements(now);
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

    /// <summary>Lossy tiles due for refinement and not dirty anyway (those are re-encoded with the dirty region). Under the lock.</summary>
    private DirtyGrid TakeDueRefinements(long now)
    {
        var refine = new DirtyGrid(_dirty.Width, _dirty.Height);
        for (var row = 0; row < _dirty.Rows; row++)
        {
            for (var column = 0; column < _dirty.Columns; column++)
            {
                var index = row * _dirty.Columns + column;
                if (_lossySince[index] == 0 || _dirty.IsTileDirty(column, row))
                {
                    continue;
                }

                if (Time.GetElapsedTime(_lossySince[index], now) >= DisplayPacing.LosslessRefineDelay)
                {
                    refine.MarkTile(column, row);
                    _lossySince[index] = 0;
                }
            }
        }

        return refine;
    }

    /// <summary>Remembers which tiles went out lossy (to refine later) and which went out lossless.</summary>
    private void RecordLossy(List<EncodedTile> tiles, long now, int width, int height)
    {
        lock (Framebuffer.Sync)
        {
            if (width != _width || height != _height)
            {
                return;
            }

            foreach (var tile in tiles)
            {
                var rect = tile.Rect;
                for (var row = rect.Y / DirtyGrid.TileSize; row <= (rect.Bottom - 1) / DirtyGrid.TileSize; row++)
                {
                    for (var column = rect.X / DirtyGrid.TileSize; column <= (rect.Right - 1) / DirtyGrid.TileSize; column++)
                    {
                        _lossySince[row * _dirty.Columns + column] = tile.Format == TileFormat.Jpeg ? now : 0;
                    }
                }
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
        _lossySince = new long[_dirty.Columns * _dirty.Rows];
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
