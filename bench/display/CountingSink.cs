using HvWeb.Display.Frames;
using HvWeb.Display.Rfb;

namespace HvWeb.Bench.Display;

/// <summary>Keeps the screen like the console does (so decoding costs what it costs there) and counts updates.</summary>
internal sealed class CountingSink : IRfbSink
{
    private readonly Framebuffer _framebuffer = new();
    private int _updates;

    public int Updates => Volatile.Read(ref _updates);

    public Framebuffer Framebuffer => _framebuffer;

    public void Resize(int width, int height)
    {
        lock (_framebuffer.Sync)
        {
            _framebuffer.Resize(width, height);
        }
    }

    public void Fill(PixelRect rect, uint pixel)
    {
        lock (_framebuffer.Sync)
        {
            _framebuffer.Fill(rect, pixel);
        }
    }

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride)
    {
        lock (_framebuffer.Sync)
        {
            _framebuffer.Put(rect, pixels, stride);
        }
    }

    public void Copy(int sourceX, int sourceY, PixelRect target)
    {
        lock (_framebuffer.Sync)
        {
            _framebuffer.Copy(sourceX, sourceY, target);
        }
    }

    public void UpdateEnd() => Interlocked.Increment(ref _updates);

    public void PointerMode(bool absolute)
    {
    }

    public void LedState(int leds)
    {
    }

    public void Bell()
    {
    }
}
