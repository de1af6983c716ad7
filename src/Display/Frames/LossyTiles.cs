using HvWeb.Display.Tiles;

namespace HvWeb.Display.Frames;

/// <summary>
/// Which tiles a viewer last received as JPEG, and since when: once unchanged for
/// <see cref="DisplayPacing.LosslessRefineDelay"/>, they are sent again losslessly.
/// </summary>
internal sealed class LossyTiles(TimeProvider time)
{
    /// <summary>Per tile: the timestamp it went out lossy, or 0.</summary>
    private long[] _since = [];
    private int _columns;

    public void Reset(DirtyGrid grid)
    {
        _columns = grid.Columns;
        _since = new long[grid.Columns * grid.Rows];
    }

    /// <summary>Zero when tiles are due, the time until the next one is due, or null when none waits.</summary>
    public TimeSpan? NextDue()
    {
        var oldest = long.MaxValue;
        foreach (var since in _since)
        {
            if (since != 0 && since < oldest)
            {
                oldest = since;
            }
        }

        if (oldest == long.MaxValue)
        {
            return null;
        }

        var left = DisplayPacing.LosslessRefineDelay - time.GetElapsedTime(oldest);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Due tiles that are not dirty anyway (those go out with the dirty region), as a grid; they stop being lossy.</summary>
    public DirtyGrid TakeDue(DirtyGrid dirty, long now)
    {
        var due = new DirtyGrid(dirty.Width, dirty.Height);
        for (var row = 0; row < dirty.Rows; row++)
        {
            for (var column = 0; column < dirty.Columns; column++)
            {
                ref var since = ref _since[row * _columns + column];
                if (since != 0 && !dirty.IsTileDirty(column, row) && time.GetElapsedTime(since, now) >= DisplayPacing.LosslessRefineDelay)
                {
                    due.MarkTile(column, row);
                    since = 0;
                }
            }
        }

        return due;
    }

    /// <summary>Remembers how each tile of the sent rectangles went out: lossy from <paramref name="now"/>, or lossless.</summary>
    public void Record(IEnumerable<EncodedTile> tiles, long now)
    {
        foreach (var tile in tiles)
        {
            var rect = tile.Rect;
            for (var row = rect.Y / DirtyGrid.TileSize; row <= (rect.Bottom - 1) / DirtyGrid.TileSize; row++)
            {
                for (var column = rect.X / DirtyGrid.TileSize; column <= (rect.Right - 1) / DirtyGrid.TileSize; column++)
                {
                    _since[row * _columns + column] = tile.Format == TileFormat.Jpeg ? now : 0;
                }
            }
        }
    }
}
