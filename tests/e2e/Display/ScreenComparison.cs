using HvWeb.Display.Frames;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Display;

/// <summary>How far a decoded screen is from QEMU's own screendump.</summary>
internal static class ScreenComparison
{
    /// <summary>Share of pixels whose colour differs by more than <paramref name="tolerance"/> in any channel (1.0 when sizes differ).</summary>
    public static double DifferentShare(Framebuffer screen, PngImage dump, int tolerance = 0)
    {
        lock (screen.Sync)
        {
            if (screen.Width != dump.Width || screen.Height != dump.Height)
            {
                return 1.0;
            }

            var different = 0;
            for (var y = 0; y < dump.Height; y++)
            {
                for (var x = 0; x < dump.Width; x++)
                {
                    var pixel = screen.PixelAt(x, y);
                    var i = (y * dump.Width + x) * dump.Channels;
                    if (Math.Abs((int)(pixel >> 16 & 0xFF) - dump.Pixels[i]) > tolerance ||
                        Math.Abs((int)(pixel >> 8 & 0xFF) - dump.Pixels[i + 1]) > tolerance ||
                        Math.Abs((int)(pixel & 0xFF) - dump.Pixels[i + 2]) > tolerance)
                    {
                        different++;
                    }
                }
            }

            return different / (double)(dump.Width * dump.Height);
        }
    }

    /// <summary>The same for an RGBA / RGB image of the browser's canvas.</summary>
    public static double DifferentShare(PngImage canvas, PngImage dump, int tolerance = 0)
    {
        if (canvas.Width != dump.Width || canvas.Height != dump.Height)
        {
            return 1.0;
        }

        var different = 0;
        for (var p = 0; p < dump.Width * dump.Height; p++)
        {
            int a = p * canvas.Channels, b = p * dump.Channels;
            if (Math.Abs(canvas.Pixels[a] - dump.Pixels[b]) > tolerance ||
                Math.Abs(canvas.Pixels[a + 1] - dump.Pixels[b + 1]) > tolerance ||
                Math.Abs(canvas.Pixels[a + 2] - dump.Pixels[b + 2]) > tolerance)
            {
                different++;
            }
        }

        return different / (double)(dump.Width * dump.Height);
    }
}
