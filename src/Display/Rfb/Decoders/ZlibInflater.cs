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
    private readonly FeedStream _feed = new();
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
        _zlib ??= new ZLibStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            while (output.Length > 0)
            {
                var read = _zlib.Read(output);
                if (read == 0)
                {
                    throw new RfbProtocolException("The compressed data of a rectangle ends before its pixels do.");
                }

                output = output[read..];
            }
        }
        catch (InvalidDataException e)
        {
            throw new RfbProtocolException("The compressed data of a rectangle is not valid zlib data.", e);
        }
    }

    public byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        ReadExactly(one);
        return one[0];
    }

    /// <summary>Starts a new zlib stream (tight's reset bits).</summary>
    public void Reset()
    {
        _zlib?.Dispose();
        _zlib = null;
        _feed.Feed([], 0);
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
