using System.Buffers.Binary;

namespace HvWeb.Display.Rfb;

/// <summary>Client-to-server RFB messages as bytes (RFC 6143 §7.5 and QEMU's extensions).</summary>
public static class RfbClientMessages
{
    public const byte SetPixelFormatType = 0;
    public const byte SetEncodingsType = 2;
    public const byte FramebufferUpdateRequestType = 3;
    public const byte KeyEventType = 4;
    public const byte PointerEventType = 5;
    public const byte QemuClientMessageType = 255;
    public const byte QemuExtendedKeyEventSubtype = 0;

    public static byte[] SetPixelFormat(RfbPixelFormat format)
    {
        var message = new byte[4 + RfbPixelFormat.Size];
        message[0] = SetPixelFormatType;
        format.Write(message.AsSpan(4));
        return message;
    }

    public static byte[] SetEncodings(IReadOnlyList<int> encodings)
    {
        var message = new byte[4 + 4 * encodings.Count];
        message[0] = SetEncodingsType;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), checked((ushort)encodings.Count));
        for (var i = 0; i < encodings.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4 + 4 * i), encodings[i]);
        }

        return message;
    }

    public static byte[] FramebufferUpdateRequest(bool incremental, int x, int y, int width, int height)
    {
        var message = new byte[10];
        message[0] = FramebufferUpdateRequestType;
        message[1] = incremental ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)x);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), (ushort)y);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(8), (ushort)height);
        return message;
    }

    /// <summary>
    /// QEMU extended key event: a PC scancode rather than a keysym, so the guest's own layout
    /// decides what the key means. <paramref name="qemuKeycode"/> is QEMU's key number: the
    /// set-1 scancode, with 0x80 added for keys that have the 0xE0 prefix.
    /// </summary>
    public static byte[] QemuExtendedKeyEvent(bool down, uint keysym, uint qemuKeycode)
    {
        var message = new byte[12];
        message[0] = QemuClientMessageType;
        message[1] = QemuExtendedKeyEventSubtype;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), down ? (ushort)1 : (ushort)0);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), keysym);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), qemuKeycode);
        return message;
    }

    /// <summary>Plain RFB key event (a keysym; for servers without the QEMU extension).</summary>
    public static byte[] KeyEvent(bool down, uint keysym)
    {
        var message = new byte[8];
        message[0] = KeyEventType;
        message[1] = down ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), keysym);
        return message;
    }

    /// <summary>Pointer at (x, y) with buttons: bit 0 left, 1 middle, 2 right, 3/4 wheel up/down, 5/6 wheel left/right.</summary>
    public static byte[] PointerEvent(int buttons, int x, int y)
    {
        var message = new byte[6];
        message[0] = PointerEventType;
        message[1] = (byte)buttons;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)x);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), (ushort)y);
        return message;
    }
}
