using System.Runtime.InteropServices;
using SkiaSharp;

namespace HvWeb.Display.Tiles;

/// <summary>A small JPEG of a whole screen, for VM lists and the lab wall.</summary>
public static class ThumbnailRenderer
{
    /// <summary>Thumbnails are glanced at, not read: a lower quality keeps them at a few kilobytes.</summary>
    public const int JpegQuality = 70;

    /// <summary>Scales packed B, G, R, unused pixels to fit in <paramref name="maxWidth"/> x <paramref name="maxHeight"/> (never up).</summary>
    public static byte[] Render(byte[] pixels, int width, int height, int maxWidth, int maxHeight)
    {
        var scale = Math.Min(1.0, Math.Min((double)maxWidth / width, (double)maxHeight / height));
        var targetWidth = Math.Max(1, (int)Math.Round(width * scale));
        var targetHeight = Math.Max(1, (int)Math.Round(height * scale));
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var source = new SKPixmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque), handle.AddrOfPinnedObject(), width * 4);
            using var target = new SKBitmap(new SKImageInfo(targetWidth, targetHeight, SKColorType.Bgra8888, SKAlphaType.Opaque));
            using var targetPixels = target.PeekPixels();
            if (!source.ScalePixels(targetPixels, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
            {
                throw new InvalidOperationException($"Skia could not scale a {width}x{height} screen to {targetWidth}x{targetHeight}.");
            }

            using var data = targetPixels.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
            return data?.ToArray() ?? throw new InvalidOperationException("Skia could not encode the thumbnail.");
        }
        finally
        {
            handle.Free();
        }
    }
}
