using HvWeb.Display;

namespace HvWeb.Web.Display;

/// <summary>
/// A frame on the wire (MessagePack map): the screen size and tiles to draw in order; the
/// browser answers <c>Ack(Seq)</c> once drawn.
/// </summary>
public sealed record DisplayFrameMessage(long Seq, int Width, int Height, DisplayTileMessage[] Tiles)
{
    public static DisplayFrameMessage From(DisplayFrame frame) =>
        new(frame.Sequence, frame.Width, frame.Height, [.. frame.Tiles.Select(DisplayTileMessage.From)]);
}
