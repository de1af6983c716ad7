using System.Collections.Frozen;

namespace HvWeb.Display.Input;

/// <summary>
/// Text → key strokes on a US keyboard, for "Type clipboard text": it works on any screen (BIOS,
/// installer, login) because it only presses keys. Like Hyper-V's own, it assumes the guest uses a
/// US layout; characters a US keyboard cannot type are skipped and counted.
/// </summary>
public static class UsKeyboardText
{
    private const string Unshifted = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./";
    private const string Shifted = "~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?";
    private static readonly string[] KeyCodes =
    [
        "Backquote", "Digit1", "Digit2", "Digit3", "Digit4", "Digit5", "Digit6", "Digit7", "Digit8", "Digit9", "Digit0", "Minus", "Equal",
        "KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP", "BracketLeft", "BracketRight", "Backslash",
        "KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL", "Semicolon", "Quote",
        "KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash",
    ];

    private static readonly FrozenDictionary<char, KeyStroke> Strokes = BuildStrokes();

    public static bool TryGetStroke(char character, out KeyStroke stroke) => Strokes.TryGetValue(character, out stroke);

    /// <summary>The strokes for <paramref name="text"/> (CR LF and lone CR become Enter) and how many characters were skipped.</summary>
    public static (List<KeyStroke> Strokes, int Skipped) Plan(string text)
    {
        var strokes = new List<KeyStroke>(text.Length);
        var skipped = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (character == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                character = '\n';
            }

            if (TryGetStroke(character, out var stroke))
            {
                strokes.Add(stroke);
            }
            else
            {
                skipped++;
            }
        }

        return (strokes, skipped);
    }

    private static FrozenDictionary<char, KeyStroke> BuildStrokes()
    {
        var strokes = new Dictionary<char, KeyStroke>
        {
            [' '] = new("Space", false),
            ['\n'] = new("Enter", false),
            ['\t'] = new("Tab", false),
        };
        for (var i = 0; i < KeyCodes.Length; i++)
        {
            strokes[Unshifted[i]] = new KeyStroke(KeyCodes[i], false);
            strokes[Shifted[i]] = new KeyStroke(KeyCodes[i], true);
        }

        return strokes.ToFrozenDictionary();
    }
}
