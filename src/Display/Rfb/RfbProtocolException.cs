namespace HvWeb.Display.Rfb;

/// <summary>
/// The VNC server sent something HvWeb cannot accept: a truncated or malformed message, a size over
/// the limits, an encoding that was not asked for. Ends the display connection, never the process.
/// </summary>
public sealed class RfbProtocolException : Exception
{
    public RfbProtocolException()
    {
    }

    public RfbProtocolException(string message)
        : base(message)
    {
    }

    public RfbProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
