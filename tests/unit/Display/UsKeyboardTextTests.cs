using HvWeb.Display.Input;

namespace HvWeb.Tests.Unit.Display;

public sealed class UsKeyboardTextTests
{
    [Fact]
    public void Plan_MixedCaseDigitsSymbols_ShiftOnlyWhereNeeded()
    {
        var (strokes, skipped) = UsKeyboardText.Plan("aB3#_ ~");

        Assert.Equal(0, skipped);
        Assert.Equal(
            [new("KeyA", false), new("KeyB", true), new("Digit3", false), new("Digit3", true), new("Minus", true), new("Space", false), new("Backquote", true)],
            strokes);
    }

    [Fact]
    public void Plan_EveryPrintableAscii_Typeable()
    {
        var ascii = new string([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c)]);

        var (strokes, skipped) = UsKeyboardText.Plan(ascii);

        Assert.Equal(0, skipped);
        Assert.Equal(ascii.Length, strokes.Count);
        Assert.Equal(ascii.Length, strokes.Distinct().Count());
    }

    [Fact]
    public void Plan_LineEndings_OneEnterEach()
    {
        var (strokes, _) = UsKeyboardText.Plan("a\r\nb\nc\rd\te");

        Assert.Equal(["KeyA", "Enter", "KeyB", "Enter", "KeyC", "Enter", "KeyD", "Tab", "KeyE"], strokes.Select(s => s.Code));
    }

    [Fact]
    public void Plan_NonAscii_SkippedAndCounted()
    {
        var (strokes, skipped) = UsKeyboardText.Plan("Grüße €5");

        Assert.Equal(3, skipped);
        Assert.Equal(5, strokes.Count);
    }
}
