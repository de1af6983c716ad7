namespace HvWeb.Display.Rfb;

/// <summary>RFB encoding numbers (RFC 6143 and the community registry) that HvWeb uses or recognises.</summary>
public static class RfbEncoding
{
    public const int Raw = 0;
    public const int CopyRect = 1;
    public const int Hextile = 5;
    public const int Zlib = 6;
    public const int Tight = 7;
    public const int Zrle = 16;

    /// <summary>Pseudo-encoding: the server may change the framebuffer size (guest mode changes).</summary>
    public const int DesktopSize = -223;
    /// <summary>Pseudo-encoding: a rectangle of this type ends the update early.</summary>
    public const int LastRect = -224;
    /// <summary>Pseudo-encoding: extended desktop size (a resize with a screen layout).</summary>
    public const int ExtendedDesktopSize = -308;
    /// <summary>Pseudo-encoding: QEMU tells whether the guest's pointer is absolute (tablet) or relative.</summary>
    public const int QemuPointerMotionChange = -257;
    /// <summary>Pseudo-encoding: key events may carry PC scancodes (QEMU extended key event).</summary>
    public const int QemuExtendedKeyEvent = -258;
    /// <summary>Pseudo-encoding: QEMU reports the keyboard LEDs; it also turns off QEMU's lock-key guessing from keysyms.</summary>
    public const int QemuLedState = -261;
    /// <summary>Pseudo-encodings -256 … -247: compression level 0 … 9 for zlib, tight and ZRLE.</summary>
    public const int CompressionLevel0 = -256;

    public static int CompressionLevel(int level) =>
        level is >= 0 and <= 9 ? CompressionLevel0 + level : throw new ArgumentOutOfRangeException(nameof(level), level, "0 to 9");

    public static string Name(int encoding) => encoding switch
    {
        Raw => "raw",
        CopyRect => "copyrect",
        Hextile => "hextile",
        Zlib => "zlib",
        Tight => "tight",
        Zrle => "zrle",
        DesktopSize => "desktop-size",
        LastRect => "last-rect",
        ExtendedDesktopSize => "extended-desktop-size",
        QemuPointerMotionChange => "qemu-pointer-motion-change",
        QemuExtendedKeyEvent => "qemu-extended-key-event",
        QemuLedState => "qemu-led-state",
        >= CompressionLevel0 and <= CompressionLevel0 + 9 => $"compression-level-{encoding - CompressionLevel0}",
        _ => encoding.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Parses "raw", "tight", … (for settings and the benchmark).</summary>
    public static int Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "raw" => Raw,
        "copyrect" => CopyRect,
        "hextile" => Hextile,
        "zlib" => Zlib,
        "tight" => Tight,
        "zrle" => Zrle,
        _ => throw new ArgumentException($"'{name}' is not an RFB encoding HvWeb decodes (raw, hextile, zlib, tight, zrle).", nameof(name)),
    };
}
