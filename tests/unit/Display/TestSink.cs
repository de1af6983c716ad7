using HvWeb.Display.Frames;
using HvWeb.Display.Rfb;

namespace HvWeb.Tests.Unit.Display;

/// <summary>Keeps the decoded screen and what else the client reported.</summary>
internal sealed class TestSink : IRfbSink
{
    public Framebuffer Framebuffer { get; } = new();

    public List<(int Width, int Height)> Sizes { get; } = [];

    public int Updates { get; private set; }

    public bool? PointerAbsolute { get; private set; }

    public int? Leds { get; private set; }

    public int Bells { get; private set; }

    public void Resize(int width, int height)
    {
        Framebuffer.Resize(width, height);
        Sizes.Add((width, height));
    }

    public void Fill(PixelRect rect, uint pixel) => Framebuffer.Fill(rect, pixel);

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride) => Framebuffer.Put(rect, pixels, stride);

    public void Copy(int sourceX, int sourceY, PixelRect target) => Framebuffer.Copy(sourceX, sourceY, target);

    public void UpdateEnd() => Updates++;

    public void PointerMode(bool absolute) => PointerAbsolute = absolute;

    public void LedState(int leds) => Leds = leds;

    public void Bell() => Bells++;

    /// <summary>The screen as rows of 0xRRGGBB.</summary>
    public uint[,] Screen()
    {
        var screen = new uint[Framebuffer.Height, Framebuffer.Width];
        for (var y = 0; y < Framebuffer.Height; y++)
        {
            for (var x = 0; x < Framebuffer.Width; x++)
            {
                screen[y, x] = Framebuffer.PixelAt(x, y);
            }
        }

        return screen;
    }
}
