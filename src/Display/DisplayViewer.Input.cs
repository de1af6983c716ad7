using HvWeb.Display.Input;

namespace HvWeb.Display;

/// <summary>A viewer's input: keys by <c>KeyboardEvent.code</c>, pointer, typed text, Ctrl+Alt+Del; refused when read-only.</summary>
public sealed partial class DisplayViewer
{
    /// <summary>A key by <c>KeyboardEvent.code</c>; false for a code HvWeb does not know (ignored).</summary>
    public async Task<bool> KeyAsync(string code, bool down, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        if (!ScancodeMap.TryGetQemuKeycode(code, out var key))
        {
            return false;
        }

        lock (_pressed)
        {
            if (down)
            {
                _pressed.Add(key);
            }
            else
            {
                _pressed.Remove(key);
            }
        }

        await _source.KeyAsync(key, down, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Absolute pointer position in screen pixels, buttons as RFB's mask (bit 0 left, 1 middle, 2 right, 3–6 wheel).</summary>
    public Task PointerAsync(int x, int y, int buttons, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        return _source.PointerAsync(x, y, buttons, cancellationToken);
    }

    /// <summary>Types <paramref name="text"/> as key strokes (US layout); see <see cref="UsKeyboardText"/>.</summary>
    public Task<TypeTextResult> TypeTextAsync(string text, CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        return _source.TypeTextAsync(text, cancellationToken);
    }

    /// <summary>Ctrl+Alt+Del, which a browser never passes to a page.</summary>
    public async Task CtrlAltDelAsync(CancellationToken cancellationToken)
    {
        RefuseIfReadOnly();
        uint[] keys = [ScancodeMap.ToQemuKeycode(0x1D), ScancodeMap.ToQemuKeycode(0x38), ScancodeMap.ToQemuKeycode(0xE053)];
        foreach (var key in keys)
        {
            await _source.KeyAsync(key, true, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in keys.Reverse())
        {
            await _source.KeyAsync(key, false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases every key this viewer holds down (the page lost focus, the viewer leaves).</summary>
    public async Task ReleaseKeysAsync(CancellationToken cancellationToken)
    {
        uint[] pressed;
        lock (_pressed)
        {
            pressed = [.. _pressed];
            _pressed.Clear();
        }

        foreach (var key in pressed)
        {
            await _source.KeyAsync(key, false, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RefuseIfReadOnly()
    {
        if (ReadOnly)
        {
            throw new DisplayInputRefusedException();
        }
    }
}
