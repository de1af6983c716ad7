using HvWeb.Display;

namespace HvWeb.Web.Display;

/// <summary>One tile on the wire: where, which image format (0 PNG, 1 JPEG) and the image bytes (MessagePack bin, not base64).</summary>
public sealed record DisplayTileMessage(int X, int Y, int Width, int Height, int Format, byte[] Data)
{
    public static DisplayTileMessage From(EncodedTile tile) =>
        new(tile.Rect.X, tile.Rect.Y, tile.Rect.Width, tile.Rect.Height, (int)tile.Format, tile.Data);
}
