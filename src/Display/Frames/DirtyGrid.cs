namespace HvWeb.Display.Frames;

/// <summary>
/// Which parts of the screen changed since they were last sent, as a grid of tiles. Taking the
/// dirty region merges dirty tiles into few rectangles: runs along each tile row, then runs of the
/// same columns stacked over consecutive rows (up to <see cref="MaxMergedRows"/> rows, so one busy
/// corner does not turn a whole column into one huge image).
/// </summary>
public sealed class DirtyGrid
{
    /// <summary>
    /// Tile edge in pixels. 64 matches ZRLE's tiles and is small enough that a blinking cursor or a
    /// clock costs a few kilobytes, large enough that a full screen is a few hundred tiles.
    /// </summary>
    public const int TileSize = 64;

    /// <summary>Most tile rows merged into one rectangle (256 pixels): big images compress better, smaller ones start drawing sooner.</summary>
    public const int MaxMergedRows = 4;

    private bool[] _tiles = [];
    private int _dirtyCount;

    public DirtyGrid(int width, int height) => Resize(width, height);

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int Columns { get; private set; }

    public int Rows { get; private set; }

    public bool IsEmpty => _dirtyCount == 0;

    /// <summary>A new size, everything clean.</summary>
    public void Resize(int width, int height)
    {
        Width = width;
        Height = height;
        Columns = (width + TileSize - 1) / TileSize;
        Rows = (height + TileSize - 1) / TileSize;
        _tiles = new bool[Columns * Rows];
        _dirtyCount = 0;
    }

    public void Mark(PixelRect rect)
    {
        rect = rect.Intersect(new PixelRect(0, 0, Width, Height));
        if (rect.IsEmpty)
        {
            return;
        }

        for (var row = rect.Y / TileSize; row <= (rect.Bottom - 1) / TileSize; row++)
        {
            for (var column = rect.X / TileSize; column <= (rect.Right - 1) / TileSize; column++)
            {
                MarkTile(column, row);
            }
        }
    }

    public void MarkAll() => Mark(new PixelRect(0, 0, Width, Height));

    public void MarkTile(int column, int row)
    {
        ref var tile = ref _tiles[row * Columns + column];
        if (!tile)
        {
            tile = true;
            _dirtyCount++;
        }
    }

    public bool IsTileDirty(int column, int row) => _tiles[row * Columns + column];

    /// <summary>Adds the dirty tiles of a grid of the same size.</summary>
    public void MarkFrom(DirtyGrid other)
    {
        if (other.Columns != Columns || other.Rows != Rows)
        {
            throw new ArgumentException($"A {other.Columns}x{other.Rows} grid cannot be added to a {Columns}x{Rows} one.", nameof(other));
        }

        for (var i = 0; i < _tiles.Length; i++)
        {
            if (other._tiles[i] && !_tiles[i])
            {
                _tiles[i] = true;
                _dirtyCount++;
            }
        }
    }

    public void Clear()
    {
        Array.Clear(_tiles);
        _dirtyCount = 0;
    }

    /// <summary>The dirty region as merged rectangles (top to bottom), clipped to the screen; the grid is clean afterwards.</summary>
    public List<PixelRect> Take()
    {
        var result = new List<PixelRect>();
        if (IsEmpty)
        {
            return result;
        }

        // Open rectangles, keyed by their column run: (first column, end column) → (first row, rows).
        var open = new Dictionary<(int Start, int End), (int Row, int Rows)>();
        for (var row = 0; row < Rows; row++)
        {
            var runs = RunsOf(row);
            foreach (var (key, value) in open.ToList())
            {
                if (!runs.Contains(key) || value.Rows == MaxMergedRows)
                {
                    result.Add(ToPixels(key, value));
                    open.Remove(key);
                }
            }

            foreach (var run in runs)
            {
                open[run] = open.TryGetValue(run, out var rect) ? (rect.Row, rect.Rows + 1) : (row, 1);
            }
        }

        result.AddRange(open.Select(o => ToPixels(o.Key, o.Value)));
        result.Sort((a, b) => a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        Clear();
        return result;
    }

    private List<(int Start, int End)> RunsOf(int row)
    {
        var runs = new List<(int, int)>();
        var column = 0;
        while (column < Columns)
        {
            if (!_tiles[row * Columns + column])
            {
                column++;
                continue;
            }

            var start = column;
            while (column < Columns && _tiles[row * Columns + column])
            {
                column++;
            }

            runs.Add((start, column));
        }

        return runs;
    }

    private PixelRect ToPixels((int Start, int End) columns, (int Row, int Rows) rows)
    {
        var x = columns.Start * TileSize;
        var y = rows.Row * TileSize;
        return new PixelRect(x, y, Math.Min(columns.End * TileSize, Width) - x, Math.Min((rows.Row + rows.Rows) * TileSize, Height) - y);
    }
}
