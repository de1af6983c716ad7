using HvWeb.Display.Frames;
using HvWeb.Display.Tiles;

namespace HvWeb.Display;

/// <summary>A rectangle of the screen as an encoded image.</summary>
public sealed record EncodedTile(PixelRect Rect, TileFormat Format, byte[] Data);
