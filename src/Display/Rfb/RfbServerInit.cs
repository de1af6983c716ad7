namespace HvWeb.Display.Rfb;

/// <summary>What the server said after the handshake: screen size, its native pixel format and the desktop name.</summary>
public sealed record RfbServerInit(int Width, int Height, RfbPixelFormat PixelFormat, string Name);
