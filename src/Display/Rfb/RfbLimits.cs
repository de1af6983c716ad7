namespace HvWeb.Display.Rfb;

/// <summary>
/// What HvWeb accepts from a VNC server. A guest decides its own screen mode, so every size that
/// comes over the wire is checked against these before memory is allocated for it.
/// </summary>
public static class RfbLimits
{
    /// <summary>Widest / tallest screen accepted (RFB sizes are 16-bit; 8192 covers 8K with room).</summary>
    public const int MaxDimension = 8192;

    /// <summary>Most pixels accepted: 7680x4320, Hyper-V's largest resolution (about 127 MiB at 4 bytes per pixel).</summary>
    public const long MaxPixels = 7680L * 4320;

    /// <summary>Longest desktop name kept from ServerInit (QEMU sends the VM name).</summary>
    public const int MaxNameBytes = 4096;

    /// <summary>Longest server clipboard text accepted (a basic session only types; the text is not used).</summary>
    public const int MaxCutTextBytes = 1 << 20;

    /// <summary>Largest compressed block accepted for one rectangle (zlib, ZRLE, tight).</summary>
    public const int MaxCompressedBytes = 64 << 20;

    /// <summary>Longest reason string accepted from a refusing server.</summary>
    public const int MaxReasonBytes = 4096;

    /// <summary>Checks a screen size the server announced; throws <see cref="RfbProtocolException"/> when it is over the limits.</summary>
    public static void CheckScreenSize(int width, int height)
    {
        if (width <= 0 || height <= 0 || width > MaxDimension || height > MaxDimension || (long)width * height > MaxPixels)
        {
            throw new RfbProtocolException(
                $"The guest asked for a {width}x{height} screen; HvWeb accepts 1x1 up to {MaxDimension}x{MaxDimension} and at most {MaxPixels:N0} pixels.");
        }
    }
}
