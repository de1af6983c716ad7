using HvWeb.Display.Frames;
using Microsoft.Extensions.Logging;

namespace HvWeb.Display;

/// <summary>What the framebuffer sink reports, passed on to the viewers; and the source's log messages.</summary>
public sealed partial class DisplaySource
{
    void IFramebufferListener.Resized(int width, int height)
    {
        foreach (var viewer in _viewers)
        {
            viewer.Resized(width, height);
        }
    }

    void IFramebufferListener.Changed(DirtyGrid changed)
    {
        foreach (var viewer in _viewers)
        {
            viewer.Changed(changed);
        }
    }

    void IFramebufferListener.UpdateEnded()
    {
        _firstPicture.TrySetResult();
        DisplayViewer[] viewers;
        lock (_framebuffer.Sync)
        {
            viewers = [.. _viewers];
        }

        foreach (var viewer in viewers)
        {
            viewer.Wake();
        }
    }

    void IFramebufferListener.PointerModeChanged(bool absolute) => PointerAbsolute = absolute;

    void IFramebufferListener.LedStateChanged(int leds) => Leds = leds;

    [LoggerMessage(Level = LogLevel.Information, Message = "Display connected: {Width}x{Height} '{DesktopName}'")]
    private partial void LogConnected(int width, int height, string desktopName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Display closed: {Reason}")]
    private partial void LogClosed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The VNC server broke the protocol")]
    private partial void LogProtocolError(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The display read loop failed")]
    private partial void LogFailed(Exception exception);
}
