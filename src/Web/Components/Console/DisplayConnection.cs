namespace HvWeb.Web.Components.Console;

/// <summary>The browser's connection to the VM's screen, as console.js reports it.</summary>
public enum DisplayConnection
{
    Idle,
    Connecting,
    Connected,
    Disconnected,
}
