using HvWeb.Display.Frames;

namespace HvWeb.Tests.Unit.Display;

public sealed class DirtyGridTests
{
    private const int T = DirtyGrid.TileSize;

    [Fact]
    public void Take_OnePixel_ItsWholeTile()
    {
        var grid = new DirtyGrid(1280, 800);
        grid.Mark(new PixelRect(70, 70, 1, 1));

        Assert.Equal([new PixelRect(T, T, T, T)], grid.Take());
        Assert.True(grid.IsEmpty);
    }

    [Fact]
    public void Take_AdjacentTilesInARow_OneRectangle()
    {
        var grid = new DirtyGrid(1280, 800);
        grid.Mark(new PixelRect(10, 10, 1, 1));
        grid.Mark(new PixelRect(T + 10, 10, 1, 1));
        grid.Mark(new PixelRect(2 * T + 10, 10, 1, 1));

        Assert.Equal([new PixelRect(0, 0, 3 * T, T)], grid.Take());
    }

    [Fact]
    public void Take_SameRunOnConsecutiveRows_StackedUpToMaxRows()
    {
        var grid = new DirtyGrid(1280, 800);
        grid.Mark(new PixelRect(0, 0, 2 * T, (DirtyGrid.MaxMergedRows + 1) * T));

        Assert.Equal(
            [new PixelRect(0, 0, 2 * T, DirtyGrid.MaxMergedRows * T), new PixelRect(0, DirtyGrid.MaxMergedRows * T, 2 * T, T)],
            grid.Take());
    }

    [Fact]
    public void Take_DifferentRunsOnRows_NotMergedAcross()
    {
        var grid = new DirtyGrid(1280, 800);
        grid.Mark(new PixelRect(0, 0, 2 * T, T));
        grid.Mark(new PixelRect(0, T, T, T));

        Assert.Equal([new PixelRect(0, 0, 2 * T, T), new PixelRect(0, T, T, T)], grid.Take());
    }

    [Fact]
    public void Take_ScreenNotMultipleOfTile_ClippedToScreen()
    {
        var grid = new DirtyGrid(720, 400);
        grid.MarkAll();

        var rects = grid.Take();

        Assert.All(rects, r => Assert.True(r.FitsIn(720, 400), r.ToString()));
        Assert.Equal(720L * 400, rects.Sum(r => r.Area));
    }

    [Fact]
    public void Mark_OutsideScreen_Ignored()
    {
        var grid = new DirtyGrid(100, 100);
        grid.Mark(new PixelRect(200, 200, 10, 10));
        grid.Mark(new PixelRect(-50, -50, 10, 10));

        Assert.True(grid.IsEmpty);
    }

    [Fact]
    public void MarkFrom_OtherGrid_Union()
    {
        var grid = new DirtyGrid(256, 256);
        var other = new DirtyGrid(256, 256);
        grid.Mark(new PixelRect(0, 0, 1, 1));
        other.Mark(new PixelRect(0, 0, 1, 1));
        other.Mark(new PixelRect(T, 0, 1, 1));

        grid.MarkFrom(other);

        Assert.Equal([new PixelRect(0, 0, 2 * T, T)], grid.Take());
    }
}
