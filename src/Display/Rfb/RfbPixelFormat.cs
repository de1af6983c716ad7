using System.Buffers.Binary;

namespace HvWeb.Display.Rfb;

/// <summary>The 16-byte PIXEL_FORMAT of RFB.</summary>
public readonly record struct RfbPixelFormat(
    byte BitsPerPixel,
    byte Depth,
    bool BigEndian,
    bool TrueColour,
    ushort RedMax,
    ushort GreenMax,
    ushort BlueMax,
    byte RedShift,
    byte GreenShift,
    byte BlueShift)
{
    public const int Size = 16;

    /// <summary>
    /// What HvWeb asks every server for: 32 bits per pixel, 8 bits per colour, little-endian
    /// 0x00RRGGBB, i.e. bytes blue, green, red, unused — Skia's BGRA layout, so tiles go to the
    /// encoder without conversion. Compressed pixels (ZRLE CPIXEL) are then 3 bytes B, G, R and
    /// tight's TPIXEL 3 bytes R, G, B.
    /// </summary>
    public static RfbPixelFormat Bgrx { get; } = new(32, 24, false, true, 255, 255, 255, 16, 8, 0);

    public static RfbPixelFormat Parse(ReadOnlySpan<byte> bytes) => new(
        bytes[0],
        bytes[1],
        bytes[2] != 0,
        bytes[3] != 0,
        BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]),
        BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]),
        BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]),
        bytes[10],
        bytes[11],
        bytes[12]);

    public void Write(Span<byte> bytes)
    {
        bytes[..Size].Clear();
        bytes[0] = BitsPerPixel;
        bytes[1] = Depth;
        bytes[2] = BigEndian ? (byte)1 : (byte)0;
        bytes[3] = TrueColour ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[4..], RedMax);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], GreenMax);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[8..], BlueMax);
        bytes[10] = RedShift;
        bytes[11] = GreenShift;
        bytes[12] = BlueShift;
    }
}
