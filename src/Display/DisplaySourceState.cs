namespace HvWeb.Display;

public enum DisplaySourceState
{
    Connecting,
    Connected,
    Closed,
}
