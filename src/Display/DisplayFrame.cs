namespace HvWeb.Display;

/// <summary>
/// What one viewer receives at once: the screen size and the tiles that changed since its last
/// frame, drawn in order. <see cref="Sequence"/> counts per viewer; the viewer acknowledges it
/// once drawn (<see cref="DisplayViewer.Acknowledge"/>).
/// </summary>
public sealed record DisplayFrame(long Sequence, int Width, int Height, IReadOnlyList<EncodedTile> Tiles)
{
    public long Bytes => Tiles.Sum(t => (long)t.Data.Length);
}
