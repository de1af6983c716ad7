using HvWeb.Display.Frames;
using HvWeb.Display.Rfb;

namespace HvWeb.Tests.E2e.Display;

/// <summary>An RFB sink that keeps the screen in a framebuffer and counts updates and resizes.</summary>
internal sealed class RecordingSink : IRfbSink
{
    public Framebuffer Framebuffer { get; } = new();

    public int Updates { get; private set; }

    public List<(int Width, int Height)> Sizes { get; } = [];

    public bool? PointerAbsolute { get; private set; }

    public void Resize(int width, int height)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Resize(width, height);
            Sizes.Add((width, height));
        }
    }

    public void Fill(PixelRect rect, uint pixel)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Fill(rect, pixel);
        }
    }

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Put(rect, pixels, stride);
        }
    }

    public void Copy(int sourceX, int sourceY, PixelRect target)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Copy(sourceX, sourceY, target);
        }
    }

    public void UpdateEnd() => Updates++;

    public void PointerMode(bool absolute) => PointerAbsolute = absolute;

    public void LedState(int leds)
    {
    }

    public void Bell()
    {
    }
}
