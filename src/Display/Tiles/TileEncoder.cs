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
    /// zlib level for PNG: level 1 costs a fraction of the default's CPU and loses only a few
    /// percent on screen content, where the filter does most of the work.
    /// </summary>
    public const int PngZlibLevel = 1;

    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, TileFormat format, int jpegQuality = JpegQuality)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(width * height * 4, pinned: true);
        pixels[..buffer.Length].CopyTo(buffer);
        return Encode(buffer, width, height, format, jpegQuality);
    }

    /// <summary>Encodes the first width x height x 4 bytes of an array (pinned for the call, not copied).</summary>
    public static byte[] Encode(byte[] pixels, int width, int height, TileFormat format, int jpegQuality = JpegQuality)
    {
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
