namespace HvWeb.Display.Tiles;

/// <summary>How a tile's pixels travel to the browser (the numbers are part of the hub's wire format).</summary>
public enum TileFormat
{
    /// <summary>Lossless: text, consoles, UI.</summary>
    Png = 0,

    /// <summary>Lossy: photos, video, gradients — many colours, where PNG would be large.</summary>
    Jpeg = 1,
}
