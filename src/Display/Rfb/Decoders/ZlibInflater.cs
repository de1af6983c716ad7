using System.Buffers;
using System.IO.Compression;

namespace HvWeb.Display.Rfb.Decoders;

/// <summary>
/// One of RFB's persistent zlib streams: each rectangle's compressed bytes continue the stream of
/// the previous one (the server ends each with a sync flush), so the inflater lives as long as the
/// connection, or until the server resets it (tight).
/// </summary>
internal sealed class ZlibInflater : IDisposable
{
    /// <summary>
    /// Inflated bytes are taken from zlib in blocks of up to this size, so decoders reading a byte or
    /// a pixel at a time (ZRLE runs, palettes) do not cross into native code for each one.
    /// </summary>
    private const int OutputBlockSize = 64 * 1024;

    private readonly FeedStream _feed = new();
    private readonly byte[] _output = new byte[OutputBlockSize];
    private int _outputStart;
    private int _outputEnd;
    private ZLibStream? _zlib;
    private byte[] _compressed = [];

    /// <summary>Reads the rectangle's <paramref name="length"/> compressed bytes from the connection and feeds them.</summary>
    public async ValueTask FeedAsync(RfbReader reader, int length, CancellationToken cancellationToken)
    {
        if (length < 0 || length > RfbLimits.MaxCompressedBytes)
        {
            throw new RfbProtocolException($"A compressed block of {length} bytes is over the limit of {RfbLimits.MaxCompressedBytes} bytes.");
        }

        if (_compressed.Length < length)
        {
            ReturnBuffer();
            _compressed = ArrayPool<byte>.Shared.Rent(length);
        }

        await reader.ReadExactlyAsync(_compressed.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        _feed.Feed(_compressed, length);
    }

    /// <summary>Fills <paramref name="output"/> with inflated bytes; the data fed so far must hold them.</summary>
    public void ReadExactly(Span<byte> output)
    {
        while (output.Length > 0)
        {
            if (_outputStart == _outputEnd)
            {
                Inflate();
            }

            var count = Math.Min(output.Length, _outputEnd - _outputStart);
            _output.AsSpan(_outputStart, count).CopyTo(output);
            _outputStart += count;
            output = output[count..];
        }
    }

    public byte ReadByte()
    {
        if (_outputStart == _outputEnd)
        {
            Inflate();
        }

        return _output[_outputStart++];
    }

    /// <summary>
    /// Inflates what the data fed so far gives, up to a block. The server ends each rectangle with a
    /// sync flush, so this never reaches into data that has not arrived.
    /// </summary>
    private void Inflate()
    {
        _zlib ??= new ZLibStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            var read = _zlib.Read(_output, 0, _output.Length);
            if (read == 0)
            {
                throw new RfbProtocolException("The compressed data of a rectangle ends before its pixels do.");
            }

            _outputStart = 0;
            _outputEnd = read;
        }
        catch (InvalidDataException e)
        {
            throw new RfbProtocolException("The compressed data of a rectangle is not valid zlib data.", e);
        }
    }

    /// <summary>Starts a new zlib stream (tight's reset bits).</summary>
    public void Reset()
    {
        _zlib?.Dispose();
        _zlib = null;
        _feed.Feed([], 0);
        _outputStart = _outputEnd = 0;
    }

    public void Dispose()
    {
        _zlib?.Dispose();
        _feed.Dispose();
        ReturnBuffer();
    }

    private void ReturnBuffer()
    {
        if (_compressed.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_compressed);
        }

        _compressed = [];
    }
}
