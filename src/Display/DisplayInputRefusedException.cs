namespace HvWeb.Display;

/// <summary>Input from a read-only viewer: refused on the server, whatever its page shows.</summary>
public sealed class DisplayInputRefusedException : Exception
{
    public DisplayInputRefusedException()
        : base("This viewer is read-only: its keyboard and mouse input is refused.")
    {
    }

    public DisplayInputRefusedException(string message)
        : base(message)
    {
    }

    public DisplayInputRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
