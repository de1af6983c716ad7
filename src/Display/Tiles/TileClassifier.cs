using System.Runtime.InteropServices;

namespace HvWeb.Display.Tiles;

/// <summary>
/// Chooses lossless or lossy for a region by counting its colours: text and UI use few colours and
/// must stay sharp (PNG is also small for them); photos and video use many (JPEG is far smaller).
/// </summary>
public static class TileClassifier
{
    /// <summary>
    /// Regions with at most this many distinct colours go lossless. A console uses 2–16, UI with
    /// anti-aliased text a few dozen; a photo exceeds it within a few rows.
    /// </summary>
    public const int LosslessMaxColours = 64;

    /// <summary>
    /// Regions smaller than this go lossless whatever their colours: JPEG's fixed cost (headers and
    /// tables, about 600 bytes) outweighs what it saves on a few thousand pixels.
    /// </summary>
    public const int MinLossyPixels = 64 * 64;

    /// <summary>The format for a packed 4-bytes-per-pixel region.</summary>
    public static TileFormat Choose(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if ((long)width * height < MinLossyPixels)
        {
            return TileFormat.Png;
        }

        return CountColours(MemoryMarshal.Cast<byte, uint>(pixels[..(width * height * 4)]), LosslessMaxColours) <= LosslessMaxColours
            ? TileFormat.Png
            : TileFormat.Jpeg;
    }

    /// <summary>Distinct colours (the unused byte ignored), counting stops once past <paramref name="limit"/>.</summary>
    public static int CountColours(ReadOnlySpan<uint> pixels, int limit)
    {
        // Open addressing over a small power-of-two table: limit + 1 colours never fill it past half.
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(limit + 1) * 2);
        Span<uint> table = size <= 1024 ? stackalloc uint[size] : new uint[size];
        Span<bool> used = size <= 1024 ? stackalloc bool[size] : new bool[size];
        var count = 0;
        var previous = 0xFFFFFFFFu;
        foreach (var raw in pixels)
        {
            var colour = raw & 0xFFFFFF;
            if (colour == previous)
            {
                continue;
            }

            previous = colour;
            var slot = (int)(colour * 2654435761u >> 16) & (size - 1);
            while (used[slot] && table[slot] != colour)
            {
                slot = (slot + 1) & (size - 1);
            }

            if (!used[slot])
            {
                used[slot] = true;
                table[slot] = colour;
                if (++count > limit)
                {
                    return count;
                }
            }
        }

        return count;
    }
}
