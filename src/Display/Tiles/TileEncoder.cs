using System.Runtime.InteropServices;
using SkiaSharp;

namespace HvWeb.Display.Tiles;

/// <summary>
/// Encodes packed B, G, R, unused pixels as PNG or JPEG with Skia (libpng / libjpeg-turbo inside).
/// Thread-safe: every call has its own pixmap.
/// </summary>
public static class TileEncoder
{
    /// <summary>JPEG quality: 80 keeps photos and video clean with 4:2:0 chroma; text never goes lossy (see <see cref="TileClassifier"/>).</summary>
    public const int JpegQuality = 80;

    /// <summary>
    /// zlib level for true-colour PNG (regions of over 256 colours refined after JPEG): level 1
    /// costs a fraction of the default's CPU and loses only a few percent on screen content.
    /// </summary>
    public const int PngZlibLevel = 1;

    /// <summary>
    /// Encodes a region in the format <see cref="TileClassifier"/> would choose (lossless when asked),
    /// counting its colours only once: the indexed PNG gives up past the lossless limit.
    /// </summary>
    public static (TileFormat Format, byte[] Data) EncodeBest(byte[] pixels, int width, int height, bool lossless)
    {
        if (lossless || (long)width * height < TileClassifier.MinLossyPixels)
        {
            return (TileFormat.Png, Encode(pixels, width, height, TileFormat.Png));
        }

        return PalettePngEncoder.TryEncode(pixels.AsSpan(0, width * height * 4), width, height, TileClassifier.LosslessMaxColours) is { } png
            ? (TileFormat.Png, png)
            : (TileFormat.Jpeg, Encode(pixels, width, height, TileFormat.Jpeg));
    }

    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, TileFormat format, int jpegQuality = JpegQuality)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(width * height * 4, pinned: true);
        pixels[..buffer.Length].CopyTo(buffer);
        return Encode(buffer, width, height, format, jpegQuality);
    }

    /// <summary>
    /// Encodes the first width x height x 4 bytes of an array (pinned for the call, not copied).
    /// PNG is indexed (<see cref="PalettePngEncoder"/>) when the region has at most 256 colours.
    /// </summary>
    public static byte[] Encode(byte[] pixels, int width, int height, TileFormat format, int jpegQuality = JpegQuality)
    {
        if (format == TileFormat.Png && PalettePngEncoder.TryEncode(pixels, width, height) is { } indexed)
        {
            return indexed;
        }

        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque);
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), width * 4);
            using var data = format switch
            {
                TileFormat.Png => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, PngZlibLevel)),
                TileFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(jpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            };
            return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode a {width}x{height} {format} tile.");
        }
        finally
        {
            handle.Free();
        }
    }
}
