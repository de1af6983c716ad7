using HvWeb.Engine.Errors;
using HvWeb.Persistence.Preferences;

namespace HvWeb.Web.Components.HostSettings;

/// <summary>
/// Hyper-V Settings, the user part, kept per user in <see cref="IUserPreferenceStore"/>: where
/// Windows-key combinations go ("user.keyboard"), the mouse release key
/// ("user.mouse-release-key"), and Reset Check Boxes (forgets every "don't ask again" choice).
/// The same rules for the dialog and for PUT /me/preferences/{key}.
/// </summary>
public sealed class UserSettings(IUserPreferenceStore preferences)
{
    public const string KeyboardKey = "user.keyboard";
    public const string MouseReleaseKeyKey = "user.mouse-release-key";
    /// <summary>The prefixes of "don't ask again" answers that Reset Check Boxes forgets.</summary>
    public static readonly IReadOnlyList<string> CheckBoxPrefixes = ["confirm.", "wizard."];
    public const int MaxKeyLength = 100;
    public const int MaxValueLength = 8192;

    /// <summary>Keyboard: Hyper-V's three choices; Hyper-V's default is "only when running full screen".</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> KeyboardChoices =
    [
        ("physical-computer", "Use on the physical computer"),
        ("virtual-machine", "Use on the virtual machine"),
        ("full-screen", "Use on the virtual machine only when running full-screen"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> MouseReleaseKeyChoices =
    [
        ("ctrl-alt-left", "CTRL+ALT+LEFT ARROW"),
        ("ctrl-alt-right", "CTRL+ALT+RIGHT ARROW"),
        ("ctrl-alt-space", "CTRL+ALT+SPACE"),
        ("ctrl-alt-shift", "CTRL+ALT+SHIFT"),
    ];

    public const string DefaultKeyboard = "full-screen";
    public const string DefaultMouseReleaseKey = "ctrl-alt-left";

    public async Task<string> KeyboardAsync(string user, CancellationToken cancellationToken = default) =>
        await preferences.GetAsync(user, KeyboardKey, cancellationToken) is { } v && KeyboardChoices.Any(c => c.Value == v) ? v : DefaultKeyboard;

    public async Task<string> MouseReleaseKeyAsync(string user, CancellationToken cancellationToken = default) =>
        await preferences.GetAsync(user, MouseReleaseKeyKey, cancellationToken) is { } v && MouseReleaseKeyChoices.Any(c => c.Value == v) ? v : DefaultMouseReleaseKey;

    /// <summary>Null when <paramref name="value"/> may be stored under <paramref name="key"/>; otherwise the sentence.</summary>
    public static string? Problem(string key, string value)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
            || key.StartsWith('.') || key.EndsWith('.') || !key.Contains('.', StringComparison.Ordinal))
        {
            return $"'{key}' is not a preference name: use dotted lower-case words, e.g. \"user.keyboard\" (at most {MaxKeyLength} characters).";
        }

        if (value.Length > MaxValueLength)
        {
            return $"The value has {value.Length} characters; the limit is {MaxValueLength}.";
        }

        return key switch
        {
            KeyboardKey when KeyboardChoices.All(c => c.Value != value) =>
                $"Keyboard must be one of {string.Join(", ", KeyboardChoices.Select(c => c.Value))}.",
            MouseReleaseKeyKey when MouseReleaseKeyChoices.All(c => c.Value != value) =>
                $"Mouse release key must be one of {string.Join(", ", MouseReleaseKeyChoices.Select(c => c.Value))}.",
            _ => null,
        };
    }

    /// <exception cref="VmValidationException">the key or value is refused (field "value" or "key").</exception>
    public Task SetAsync(string user, string key, string value, CancellationToken cancellationToken = default)
    {
        if (Problem(key, value) is { } problem)
        {
            throw VmValidationException.For(key is KeyboardKey or MouseReleaseKeyKey ? "value" : "key", problem);
        }

        return preferences.SetAsync(user, key, value, cancellationToken);
    }

    /// <summary>Reset Check Boxes: forgets every "don't ask again" answer and "do not show this page again"; returns how many.</summary>
    public async Task<int> ResetCheckBoxesAsync(string user, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        foreach (var prefix in CheckBoxPrefixes)
        {
            removed += await preferences.RemoveAsync(user, prefix, cancellationToken);
        }

        return removed;
    }
}
