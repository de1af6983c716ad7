namespace HvWeb.Engine.Qemu;

/// <summary>The QMP connection is gone (QEMU exited, the client was disposed, or QEMU sent something unreadable).</summary>
public sealed class QmpConnectionClosedException : IOException
{
    public QmpConnectionClosedException(string message) : base(message) { }
    public QmpConnectionClosedException(string message, Exception? inner) : base(message, inner) { }
}
