using HvWeb.Display.Rfb;

namespace HvWeb.Display.Frames;

/// <summary>
/// Puts what the RFB client decodes into the shared <see cref="Framebuffer"/> and collects the
/// changed tiles of the update in progress; at the update's end they become dirty for every viewer
/// at once, so a viewer never starts a frame from half an update's dirty region.
/// </summary>
internal sealed class FramebufferSink(Framebuffer framebuffer, IFramebufferListener listener) : IRfbSink
{
    private readonly DirtyGrid _pending = new(0, 0);

    public void Resize(int width, int height)
    {
        lock (framebuffer.Sync)
        {
            framebuffer.Resize(width, height);
            _pending.Resize(width, height);
            listener.Resized(width, height);
        }
    }

    public void Fill(PixelRect rect, uint pixel)
    {
        lock (framebuffer.Sync)
        {
            framebuffer.Fill(rect, pixel);
            _pending.Mark(rect);
        }
    }

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride)
    {
        lock (framebuffer.Sync)
        {
            framebuffer.Put(rect, pixels, stride);
            _pending.Mark(rect);
        }
    }

    public void Copy(int sourceX, int sourceY, PixelRect target)
    {
        lock (framebuffer.Sync)
        {
            framebuffer.Copy(sourceX, sourceY, target);
            _pending.Mark(target);
        }
    }

    public void UpdateEnd()
    {
        lock (framebuffer.Sync)
        {
            if (_pending.IsEmpty)
            {
                return;
            }

            listener.Changed(_pending);
            _pending.Clear();
        }

        listener.UpdateEnded();
    }

    public void PointerMode(bool absolute) => listener.PointerModeChanged(absolute);

    public void LedState(int leds) => listener.LedStateChanged(leds);

    public void Bell()
    {
    }
}
