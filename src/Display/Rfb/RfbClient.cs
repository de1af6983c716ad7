using System.Diagnostics;
using HvWeb.Display.Frames;
using HvWeb.Display.Rfb.Decoders;

namespace HvWeb.Display.Rfb;

/// <summary>
/// An RFB 3.8 client: handshake, then a read loop that decodes framebuffer updates into an
/// <see cref="IRfbSink"/> and asks for the next update as soon as one is done (QEMU paces its own
/// refreshes). Input messages may be sent from any thread. Anything malformed ends the connection
/// with an <see cref="RfbProtocolException"/>.
/// </summary>
public sealed class RfbClient : IAsyncDisposable
{
    private const byte FramebufferUpdate = 0;
    private const byte SetColourMapEntries = 1;
    private const byte Bell = 2;
    private const byte ServerCutText = 3;

    private readonly Stream _stream;
    private readonly RfbReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<int, IRfbRectDecoder> _decoders;
    private readonly RfbClientOptions _options;

    private RfbClient(Stream stream, RfbReader reader, RfbServerInit serverInit, RfbClientOptions options)
    {
        _stream = stream;
        _reader = reader;
        _options = options;
        ServerInit = serverInit;
        Width = serverInit.Width;
        Height = serverInit.Height;
        _decoders = new Dictionary<int, IRfbRectDecoder>
        {
            [RfbEncoding.Raw] = new RawDecoder(),
            [RfbEncoding.CopyRect] = new CopyRectDecoder(() => (Width, Height)),
            [RfbEncoding.Hextile] = new HextileDecoder(),
            [RfbEncoding.Zlib] = new ZlibDecoder(),
            [RfbEncoding.Zrle] = new ZrleDecoder(),
            [RfbEncoding.Tight] = new TightDecoder(),
        };
    }

    public RfbServerInit ServerInit { get; }

    /// <summary>The current screen size (follows desktop-size changes).</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The server confirmed QEMU extended key events (scancodes).</summary>
    public bool ExtendedKeyEvents { get; private set; }

    public RfbStatistics Statistics { get; } = new();

    /// <summary>Bytes received so far.</summary>
    public long BytesRead => _reader.BytesRead;

    /// <summary>Runs the handshake on a connected stream and asks for HvWeb's pixel format and the encodings.</summary>
    public static async Task<RfbClient> ConnectAsync(Stream stream, RfbClientOptions options, CancellationToken cancellationToken)
    {
        var reader = new RfbReader(stream);
        var serverInit = await RfbHandshake.RunAsync(stream, reader, options.Shared, cancellationToken).ConfigureAwait(false);
        var client = new RfbClient(stream, reader, serverInit, options);
        await client.SendAsync(RfbClientMessages.SetPixelFormat(RfbPixelFormat.Bgrx), cancellationToken).ConfigureAwait(false);
        await client.SendAsync(RfbClientMessages.SetEncodings(client.EncodingList()), cancellationToken).ConfigureAwait(false);
        return client;
    }

    private List<int> EncodingList()
    {
        var encodings = new List<int>(_options.Encodings);
        if (_options.CompressionLevel is { } level)
        {
            encodings.Add(RfbEncoding.CompressionLevel(level));
        }

        encodings.AddRange([RfbEncoding.DesktopSize, RfbEncoding.LastRect, RfbEncoding.QemuExtendedKeyEvent,
            RfbEncoding.QemuLedState, RfbEncoding.QemuPointerMotionChange]);
        return encodings;
    }

    /// <summary>
    /// Reads updates until the server closes the connection (returns) or sends something invalid
    /// (throws <see cref="RfbProtocolException"/>). Tells the sink the initial size first.
    /// </summary>
    public async Task RunAsync(IRfbSink sink, CancellationToken cancellationToken)
    {
        sink.Resize(Width, Height);
        await RequestUpdateAsync(incremental: false, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var type = await _reader.TryReadMessageTypeAsync(cancellationToken).ConfigureAwait(false);
            switch (type)
            {
                case null:
                    return;
                case FramebufferUpdate:
                    await ReadUpdateAsync(sink, cancellationToken).ConfigureAwait(false);
                    sink.UpdateEnd();
                    await RequestUpdateAsync(incremental: true, cancellationToken).ConfigureAwait(false);
                    break;
                case SetColourMapEntries:
                    await _reader.SkipAsync(1 + 2, cancellationToken).ConfigureAwait(false);
                    var colours = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
                    await _reader.SkipAsync(colours * 6L, cancellationToken).ConfigureAwait(false);
                    break;
                case Bell:
                    sink.Bell();
                    break;
                case ServerCutText:
                    await SkipCutTextAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new RfbProtocolException($"The VNC server sent message type {type}, which HvWeb does not know.");
            }
        }
    }

    private async Task ReadUpdateAsync(IRfbSink sink, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await _reader.SkipAsync(1, cancellationToken).ConfigureAwait(false);
        var rects = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rects; i++)
        {
            var before = _reader.BytesRead;
            var x = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
            var y = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
            var width = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
            var height = await _reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
            var encoding = await _reader.ReadS32Async(cancellationToken).ConfigureAwait(false);
            var rect = new PixelRect(x, y, width, height);
            if (encoding == RfbEncoding.LastRect)
            {
                break;
            }

            await ReadRectAsync(rect, encoding, sink, cancellationToken).ConfigureAwait(false);
            Statistics.CountRect(encoding, _reader.BytesRead - before);
        }

        Statistics.CountUpdate(Stopwatch.GetElapsedTime(started));
    }

    private async Task ReadRectAsync(PixelRect rect, int encoding, IRfbSink sink, CancellationToken cancellationToken)
    {
        switch (encoding)
        {
            case RfbEncoding.DesktopSize:
                Resize(rect.Width, rect.Height, sink);
                return;
            case RfbEncoding.ExtendedDesktopSize:
                var screens = await _reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
                await _reader.SkipAsync(3 + 16L * screens, cancellationToken).ConfigureAwait(false);
                Resize(rect.Width, rect.Height, sink);
                return;
            case RfbEncoding.QemuExtendedKeyEvent:
                ExtendedKeyEvents = true;
                return;
            case RfbEncoding.QemuPointerMotionChange:
                sink.PointerMode(absolute: rect.X != 0);
                return;
            case RfbEncoding.QemuLedState:
                sink.LedState(await _reader.ReadU8Async(cancellationToken).ConfigureAwait(false));
                return;
            default:
                break;
        }

        if (!_decoders.TryGetValue(encoding, out var decoder))
        {
            throw new RfbProtocolException($"The VNC server used encoding {RfbEncoding.Name(encoding)}, which HvWeb did not ask for.");
        }

        if (!rect.FitsIn(Width, Height))
        {
            throw new RfbProtocolException($"The VNC server drew a rectangle {rect} outside the {Width}x{Height} screen.");
        }

        await decoder.DecodeAsync(_reader, rect, sink, cancellationToken).ConfigureAwait(false);
    }

    private void Resize(int width, int height, IRfbSink sink)
    {
        RfbLimits.CheckScreenSize(width, height);
        Width = width;
        Height = height;
        sink.Resize(width, height);
    }

    private async Task SkipCutTextAsync(CancellationToken cancellationToken)
    {
        await _reader.SkipAsync(3, cancellationToken).ConfigureAwait(false);
        var length = await _reader.ReadS32Async(cancellationToken).ConfigureAwait(false);
        if (length < 0 || length > RfbLimits.MaxCutTextBytes)
        {
            throw new RfbProtocolException($"The VNC server sent clipboard text of {length} bytes (the limit is {RfbLimits.MaxCutTextBytes}).");
        }

        await _reader.SkipAsync(length, cancellationToken).ConfigureAwait(false);
    }

    public Task RequestUpdateAsync(bool incremental, CancellationToken cancellationToken) =>
        SendAsync(RfbClientMessages.FramebufferUpdateRequest(incremental, 0, 0, Width, Height), cancellationToken);

    /// <summary>A key by QEMU key number (set-1 scancode, +0x80 for 0xE0-prefixed keys).</summary>
    public Task KeyAsync(uint qemuKeycode, bool down, CancellationToken cancellationToken) =>
        SendAsync(RfbClientMessages.QemuExtendedKeyEvent(down, 0, qemuKeycode), cancellationToken);

    public Task PointerAsync(int buttons, int x, int y, CancellationToken cancellationToken) =>
        SendAsync(RfbClientMessages.PointerEvent(buttons, x, y), cancellationToken);

    /// <summary>Sends one whole message; messages from different threads never interleave.</summary>
    public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        foreach (var decoder in _decoders.Values)
        {
            decoder.Dispose();
        }

        _writeLock.Dispose();
    }
}
