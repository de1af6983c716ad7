namespace HvWeb.Display.Rfb;

/// <summary>How the RFB client talks to the server.</summary>
public sealed record RfbClientOptions
{
    /// <summary>
    /// The pixel encodings offered, best first. The default (zrle) won the measurements on QEMU's
    /// local socket recorded in docs/display.md: far fewer bytes than raw and hextile, and less
    /// CPU in QEMU and here than tight.
    /// </summary>
    public static IReadOnlyList<int> DefaultEncodings { get; } = [RfbEncoding.Zrle, RfbEncoding.Raw];

    public IReadOnlyList<int> Encodings { get; init; } = DefaultEncodings;

    /// <summary>zlib level 0–9 asked of the server for zlib, tight and ZRLE; null leaves the server's default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Keep other clients connected (a second tool may watch the same VM).</summary>
    public bool Shared { get; init; } = true;
}
