using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HvWeb.Tests.Unit.Display;

/// <summary>Builds what a VNC server sends, byte by byte, for handcrafted protocol tests.</summary>
internal sealed class RfbScript
{
    private readonly MemoryStream _bytes = new();
    private readonly MemoryStream _zlibSink = new();
    private ZLibStream? _zlib;

    public byte[] ToArray() => _bytes.ToArray();

    public int Length => (int)_bytes.Length;

    /// <summary>Version 3.8, security None, result OK, ServerInit with the given size and name.</summary>
    public RfbScript Handshake(int width = 64, int height = 32, string name = "test")
    {
        Ascii("RFB 003.008\n");
        U8(1).U8(1).U32(0);
        U16(width).U16(height);
        Bytes([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        return U32((uint)nameBytes.Length).Bytes(nameBytes);
    }

    public RfbScript Update(int rects) => U8(0).U8(0).U16(rects);

    public RfbScript Rect(int x, int y, int width, int height, int encoding) => U16(x).U16(y).U16(width).U16(height).S32(encoding);

    /// <summary>A pixel in HvWeb's format (little-endian 0x00RRGGBB).</summary>
    public RfbScript Pixel(uint rgb)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, rgb);
        return Bytes(bytes);
    }

    public RfbScript Pixels(uint rgb, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Pixel(rgb);
        }

        return this;
    }

    /// <summary>ZRLE's CPIXEL: B, G, R.</summary>
    public static byte[] Cpixel(uint rgb) => [(byte)rgb, (byte)(rgb >> 8), (byte)(rgb >> 16)];

    /// <summary>Tight's TPIXEL: R, G, B.</summary>
    public static byte[] Tpixel(uint rgb) => [(byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb];

    /// <summary>
    /// Compresses <paramref name="data"/> as the next piece of this script's one continuing zlib
    /// stream (sync flush at the end, as VNC servers do) and returns the piece.
    /// </summary>
    public byte[] Deflate(byte[] data)
    {
        _zlib ??= new ZLibStream(_zlibSink, CompressionLevel.Optimal, leaveOpen: true);
        var start = _zlibSink.Length;
        _zlib.Write(data);
        _zlib.Flush();
        return _zlibSink.ToArray()[(int)start..];
    }

    /// <summary>Starts a new zlib stream for the next <see cref="Deflate"/> (tight's reset).</summary>
    public void ResetDeflate()
    {
        _zlib?.Dispose();
        _zlib = null;
        _zlibSink.SetLength(0);
    }

    /// <summary>Tight's compact length: 7 bits per byte, least significant first.</summary>
    public RfbScript CompactLength(int length)
    {
        if (length < 0x80)
        {
            return U8(length);
        }

        if (length < 0x4000)
        {
            return U8(length & 0x7F | 0x80).U8(length >> 7);
        }

        return U8(length & 0x7F | 0x80).U8(length >> 7 & 0x7F | 0x80).U8(length >> 14);
    }

    public RfbScript Ascii(string text) => Bytes(Encoding.ASCII.GetBytes(text));

    public RfbScript U8(int value)
    {
        _bytes.WriteByte((byte)value);
        return this;
    }

    public RfbScript U16(int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return Bytes(bytes);
    }

    public RfbScript U32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Bytes(bytes);
    }

    public RfbScript S32(int value) => U32(unchecked((uint)value));

    public RfbScript Bytes(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }
}
