namespace HvWeb.Engine.Events;

public enum EventLevel
{
    Information,
    Warning,
    Error,
}
