namespace HvWeb.Display;

/// <summary>A viewer's browser stopped drawing (acknowledging) frames; that viewer is ended, nothing else.</summary>
public sealed class DisplayViewerStalledException : Exception
{
    public DisplayViewerStalledException()
    {
    }

    public DisplayViewerStalledException(string message)
        : base(message)
    {
    }

    public DisplayViewerStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
