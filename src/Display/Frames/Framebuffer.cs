using System.Runtime.InteropServices;

namespace HvWeb.Display.Frames;

/// <summary>
/// The VM's screen as HvWeb holds it: 4 bytes per pixel (B, G, R, unused), rows packed. Not
/// thread-safe by itself: writers and readers hold <see cref="Sync"/>.
/// </summary>
public sealed class Framebuffer
{
    private byte[] _pixels = [];

    public Lock Sync { get; } = new();

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int Stride => Width * 4;

    /// <summary>Changes the size; the new screen is black.</summary>
    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        _pixels = new byte[checked(width * height * 4)];
    }

    public void Fill(PixelRect rect, uint pixel)
    {
        Check(rect);
        for (var y = rect.Y; y < rect.Bottom; y++)
        {
            MemoryMarshal.Cast<byte, uint>(Row(y, rect.X, rect.Width)).Fill(pixel);
        }
    }

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride)
    {
        Check(rect);
        for (var y = 0; y < rect.Height; y++)
        {
            pixels.Slice(y * stride, rect.Width * 4).CopyTo(Row(rect.Y + y, rect.X, rect.Width));
        }
    }

    public void Copy(int sourceX, int sourceY, PixelRect target)
    {
        Check(target);
        Check(new PixelRect(sourceX, sourceY, target.Width, target.Height));
        // Overlapping copies go bottom-up when moving down, so no row is read after being overwritten.
        var down = target.Y > sourceY;
        for (var i = 0; i < target.Height; i++)
        {
            var row = down ? target.Height - 1 - i : i;
            Row(sourceY + row, sourceX, target.Width).CopyTo(Row(target.Y + row, target.X, target.Width));
        }
    }

    /// <summary>Copies a rectangle out, packed (stride = width x 4).</summary>
    public void CopyTo(PixelRect rect, Span<byte> destination)
    {
        Check(rect);
        for (var y = 0; y < rect.Height; y++)
        {
            Row(rect.Y + y, rect.X, rect.Width).CopyTo(destination.Slice(y * rect.Width * 4, rect.Width * 4));
        }
    }

    /// <summary>One pixel as 0x00RRGGBB (for tests and diagnostics).</summary>
    public uint PixelAt(int x, int y) => MemoryMarshal.Read<uint>(_pixels.AsSpan((y * Width + x) * 4)) & 0xFFFFFF;

    private Span<byte> Row(int y, int x, int width) => _pixels.AsSpan((y * Width + x) * 4, width * 4);

    private void Check(PixelRect rect)
    {
        if (!rect.FitsIn(Width, Height))
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"outside the {Width}x{Height} screen");
        }
    }
}
