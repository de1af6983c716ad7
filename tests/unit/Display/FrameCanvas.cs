using HvWeb.Display;
using SkiaSharp;

namespace HvWeb.Tests.Unit.Display;

/// <summary>What a browser would show after drawing frames: tiles decoded and painted in order.</summary>
internal sealed class FrameCanvas
{
    private uint[,] _pixels = new uint[0, 0];

    public int Width => _pixels.GetLength(1);

    public int Height => _pixels.GetLength(0);

    public void Draw(DisplayFrame frame)
    {
        if (frame.Width != Width || frame.Height != Height)
        {
            _pixels = new uint[frame.Height, frame.Width];
        }

        foreach (var tile in frame.Tiles)
        {
            using var image = SKBitmap.Decode(tile.Data);
            Assert.Equal((tile.Rect.Width, tile.Rect.Height), (image.Width, image.Height));
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    var c = image.GetPixel(x, y);
                    _pixels[tile.Rect.Y + y, tile.Rect.X + x] = (uint)(c.Red << 16 | c.Green << 8 | c.Blue);
                }
            }
        }
    }

    public uint this[int x, int y] => _pixels[y, x];

    public bool IsAll(uint rgb)
    {
        foreach (var pixel in _pixels)
        {
            if (pixel != rgb)
            {
                return false;
            }
        }

        return Width > 0;
    }
}
