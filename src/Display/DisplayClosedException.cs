namespace HvWeb.Display;

/// <summary>The VM's display is gone (VM off, saved, restarted) or its connection failed; the message says which, for a person.</summary>
public sealed class DisplayClosedException : Exception
{
    public DisplayClosedException()
    {
    }

    public DisplayClosedException(string message)
        : base(message)
    {
    }

    public DisplayClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
