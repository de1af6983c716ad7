using HvWeb.Display.Input;

namespace HvWeb.Tests.Unit.Display;

public sealed class ScancodeMapTests
{
    [Theory]
    [InlineData("KeyA", 0x1E)]
    [InlineData("KeyZ", 0x2C)] // the key right of left Shift: 'z' in the US layout, 'y' in the German one
    [InlineData("Digit1", 0x02)]
    [InlineData("Enter", 0x1C)]
    [InlineData("Space", 0x39)]
    [InlineData("ShiftLeft", 0x2A)]
    [InlineData("IntlBackslash", 0x56)] // the key beside left Shift on ISO keyboards (< > on German ones)
    [InlineData("Backquote", 0x29)]
    [InlineData("F12", 0x58)]
    [InlineData("Delete", 0xE053)]
    [InlineData("ArrowUp", 0xE048)]
    [InlineData("AltRight", 0xE038)] // AltGr
    [InlineData("MetaLeft", 0xE05B)]
    [InlineData("NumpadEnter", 0xE01C)]
    public void TryGetScancode_KnownCode_Set1Scancode(string code, int expected)
    {
        Assert.True(ScancodeMap.TryGetScancode(code, out var scancode));
        Assert.Equal(expected, scancode);
    }

    [Theory]
    [InlineData(0x1E, 0x1E)]
    [InlineData(0xE053, 0xD3)] // Delete
    [InlineData(0xE01D, 0x9D)] // right Ctrl
    [InlineData(0xE046, 0xC6)] // Pause
    public void ToQemuKeycode_Scancode_QemuKeyNumber(int scancode, uint expected) =>
        Assert.Equal(expected, ScancodeMap.ToQemuKeycode((ushort)scancode));

    [Theory]
    [InlineData("")]
    [InlineData("keya")]
    [InlineData("Unidentified")]
    public void TryGetScancode_UnknownCode_False(string code) => Assert.False(ScancodeMap.TryGetScancode(code, out _));

    [Fact]
    public void Map_EveryLetterDigitAndFunctionKey_Present()
    {
        var codes = Enumerable.Range('A', 26).Select(c => $"Key{(char)c}")
            .Concat(Enumerable.Range(0, 10).Select(d => $"Digit{d}"))
            .Concat(Enumerable.Range(0, 10).Select(d => $"Numpad{d}"))
            .Concat(Enumerable.Range(1, 24).Select(f => $"F{f}"));

        Assert.All(codes, code => Assert.True(ScancodeMap.TryGetScancode(code, out _), code));
    }

    [Fact]
    public void Map_TwoCodes_NeverShareAQemuKeycode()
    {
        var duplicates = ScancodeMap.KnownCodes
            .GroupBy(code => ScancodeMap.TryGetQemuKeycode(code, out var key) ? key : 0)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join("/", g));

        Assert.Empty(duplicates);
    }
}
