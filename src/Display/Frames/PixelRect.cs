namespace HvWeb.Display.Frames;

/// <summary>A rectangle of pixels: left, top, width, height.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => (long)Width * Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>True when the rectangle lies entirely inside a screen of the given size.</summary>
    public bool FitsIn(int width, int height) =>
        X >= 0 && Y >= 0 && Width >= 0 && Height >= 0 && (long)X + Width <= width && (long)Y + Height <= height;

    /// <summary>The part of this rectangle inside <paramref name="other"/> (empty when they do not overlap).</summary>
    public PixelRect Intersect(PixelRect other)
    {
        var left = Math.Max(X, other.X);
        var top = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return right <= left || bottom <= top ? default : new PixelRect(left, top, right - left, bottom - top);
    }

    public override string ToString() => $"{Width}x{Height}+{X}+{Y}";
}
