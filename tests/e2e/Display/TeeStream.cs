namespace HvWeb.Tests.E2e.Display;

/// <summary>Passes a connection through and keeps a copy of everything read from it.</summary>
internal sealed class TeeStream(Stream inner) : Stream
{
    private readonly MemoryStream _copy = new();
    private readonly Lock _lock = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public long BytesRead
    {
        get
        {
            lock (_lock)
            {
                return _copy.Length;
            }
        }
    }

    /// <summary>The first <paramref name="length"/> bytes read.</summary>
    public byte[] Read(long length)
    {
        lock (_lock)
        {
            return _copy.ToArray()[..(int)length];
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        lock (_lock)
        {
            _copy.Write(buffer.Span[..read]);
        }

        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _copy.Dispose();
        }

        base.Dispose(disposing);
    }
}
