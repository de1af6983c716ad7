using HvWeb.Display.Frames;

namespace HvWeb.Display.Rfb;

/// <summary>
/// Where the RFB client puts what it decodes. Pixels are 4 bytes each in HvWeb's pixel format
/// (<see cref="RfbPixelFormat.Bgrx"/>: blue, green, red, unused — little-endian 0x00RRGGBB).
/// Calls come from the client's read loop, one at a time.
/// </summary>
public interface IRfbSink
{
    /// <summary>The screen has a new size (at connect and when the guest changes mode); its content is undefined until drawn.</summary>
    void Resize(int width, int height);

    void Fill(PixelRect rect, uint pixel);

    /// <summary>Copies pixels into <paramref name="rect"/>; <paramref name="stride"/> is the bytes per source row.</summary>
    void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride);

    void Copy(int sourceX, int sourceY, PixelRect target);

    /// <summary>The end of one framebuffer update: a consistent picture to show.</summary>
    void UpdateEnd();

    /// <summary>Whether the guest's pointer is absolute (a tablet) or relative (QEMU pointer motion change).</summary>
    void PointerMode(bool absolute);

    /// <summary>Keyboard LEDs: bit 0 scroll lock, bit 1 num lock, bit 2 caps lock.</summary>
    void LedState(int leds);

    void Bell();
}
