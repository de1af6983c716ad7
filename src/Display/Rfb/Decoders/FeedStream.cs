namespace HvWeb.Display.Rfb.Decoders;

/// <summary>
/// A read-only stream that hands out the bytes it was last fed and then reports "no more for now"
/// (0). It sits under a long-lived <see cref="System.IO.Compression.ZLibStream"/>: RFB's zlib streams
/// continue from one rectangle to the next, each rectangle bringing the next piece.
/// </summary>
internal sealed class FeedStream : Stream
{
    private byte[] _data = [];
    private int _position;
    private int _length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes fed but not read yet.</summary>
    public int Remaining => _length - _position;

    /// <summary>Feeds the next piece; the stream reads from <paramref name="data"/> (not copied) until the next call.</summary>
    public void Feed(byte[] data, int length)
    {
        _data = data;
        _length = length;
        _position = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, Remaining);
        _data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
