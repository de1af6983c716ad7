using System.Buffers.Binary;

namespace HvWeb.Display.Rfb;

/// <summary>
/// Buffered big-endian reads from the VNC connection. Small reads are served from the buffer
/// without awaiting; a stream that ends inside a message throws <see cref="RfbProtocolException"/>.
/// </summary>
public sealed class RfbReader
{
    /// <summary>Large enough for a full row of the widest screen (8192 x 4 bytes) and a hextile tile.</summary>
    public const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    public RfbReader(Stream stream) => _stream = stream;

    /// <summary>Bytes received so far (for statistics).</summary>
    public long BytesRead { get; private set; }

    private int Buffered => _end - _start;

    /// <summary>Reads the first byte of the next message, or null when the server closed the connection between messages.</summary>
    public async ValueTask<byte?> TryReadMessageTypeAsync(CancellationToken cancellationToken)
    {
        if (Buffered == 0 && !await TryFillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _buffer[_start++];
    }

    public ValueTask<byte> ReadU8Async(CancellationToken cancellationToken) =>
        Buffered >= 1 ? new ValueTask<byte>(_buffer[_start++]) : SlowU8Async(cancellationToken);

    public ValueTask<ushort> ReadU16Async(CancellationToken cancellationToken)
    {
        if (Buffered >= 2)
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start));
            _start += 2;
            return new ValueTask<ushort>(value);
        }

        return SlowU16Async(cancellationToken);
    }

    public ValueTask<uint> ReadU32Async(CancellationToken cancellationToken)
    {
        if (Buffered >= 4)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start));
            _start += 4;
            return new ValueTask<uint>(value);
        }

        return SlowU32Async(cancellationToken);
    }

    public async ValueTask<int> ReadS32Async(CancellationToken cancellationToken) =>
        unchecked((int)await ReadU32Async(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Makes <paramref name="count"/> bytes (at most <see cref="BufferSize"/>) available and returns
    /// them; the memory is valid until the next read.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(int count, CancellationToken cancellationToken)
    {
        if (count < 0 || count > BufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"0 to {BufferSize} bytes");
        }

        if (Buffered >= count)
        {
            var block = new ReadOnlyMemory<byte>(_buffer, _start, count);
            _start += count;
            return new ValueTask<ReadOnlyMemory<byte>>(block);
        }

        return SlowBlockAsync(count, cancellationToken);
    }

    /// <summary>Fills <paramref name="destination"/> completely (any length).</summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var fromBuffer = Math.Min(Buffered, destination.Length);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(destination.Span);
        _start += fromBuffer;
        var rest = destination[fromBuffer..];
        while (rest.Length > 0)
        {
            var read = await _stream.ReadAsync(rest, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Truncated();
            }

            BytesRead += read;
            rest = rest[read..];
        }
    }

    public async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var step = (int)Math.Min(count, BufferSize);
            await ReadBlockAsync(step, cancellationToken).ConfigureAwait(false);
            count -= step;
        }
    }

    private async ValueTask<byte> SlowU8Async(CancellationToken cancellationToken)
    {
        await FillAsync(1, cancellationToken).ConfigureAwait(false);
        return _buffer[_start++];
    }

    private async ValueTask<ushort> SlowU16Async(CancellationToken cancellationToken)
    {
        await FillAsync(2, cancellationToken).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start));
        _start += 2;
        return value;
    }

    private async ValueTask<uint> SlowU32Async(CancellationToken cancellationToken)
    {
        await FillAsync(4, cancellationToken).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start));
        _start += 4;
        return value;
    }

    private async ValueTask<ReadOnlyMemory<byte>> SlowBlockAsync(int count, CancellationToken cancellationToken)
    {
        await FillAsync(count, cancellationToken).ConfigureAwait(false);
        var block = new ReadOnlyMemory<byte>(_buffer, _start, count);
        _start += count;
        return block;
    }

    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(count, cancellationToken).ConfigureAwait(false))
        {
            throw Truncated();
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes are buffered; false when the stream ended before any new byte came.</summary>
    private async ValueTask<bool> TryFillAsync(int count, CancellationToken cancellationToken)
    {
        if (_start > 0 && _buffer.Length - _start < count)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, Buffered);
            _end = Buffered;
            _start = 0;
        }

        var first = true;
        while (Buffered < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (first && Buffered == 0)
                {
                    return false;
                }

                throw Truncated();
            }

            first = false;
            BytesRead += read;
            _end += read;
        }

        return true;
    }

    private static RfbProtocolException Truncated() =>
        new("The display connection ended in the middle of a message (truncated data).");
}
