using HvWeb.Display.Input;
using HvWeb.Display.Rfb;

namespace HvWeb.Display;

/// <summary>Input to the VM: keys by QEMU key number, the absolute pointer, typed text.</summary>
public sealed partial class DisplaySource
{
    internal async Task KeyAsync(uint qemuKeycode, bool down, CancellationToken cancellationToken) =>
        await Client().KeyAsync(qemuKeycode, down, cancellationToken).ConfigureAwait(false);

    internal async Task PointerAsync(int x, int y, int buttons, CancellationToken cancellationToken)
    {
        int width, height;
        lock (_framebuffer.Sync)
        {
            (width, height) = (_framebuffer.Width, _framebuffer.Height);
        }

        await Client().PointerAsync(buttons & 0x7F, Math.Clamp(x, 0, Math.Max(0, width - 1)), Math.Clamp(y, 0, Math.Max(0, height - 1)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Types text as key strokes on a US layout, one text at a time, at QEMU's key pace.</summary>
    internal async Task<TypeTextResult> TypeTextAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Length > DisplayPacing.MaxTypedTextLength)
        {
            throw new ArgumentException($"The text has {text.Length} characters; Type clipboard text takes at most {DisplayPacing.MaxTypedTextLength}.", nameof(text));
        }

        var (strokes, skipped) = UsKeyboardText.Plan(text);
        var shift = ScancodeMap.ToQemuKeycode(0x2A);
        await _typing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var stroke in strokes)
            {
                ScancodeMap.TryGetQemuKeycode(stroke.Code, out var key);
                if (stroke.Shift)
                {
                    await TypeKeyAsync(shift, true, cancellationToken).ConfigureAwait(false);
                }

                await TypeKeyAsync(key, true, cancellationToken).ConfigureAwait(false);
                await TypeKeyAsync(key, false, cancellationToken).ConfigureAwait(false);
                if (stroke.Shift)
                {
                    await TypeKeyAsync(shift, false, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _typing.Release();
        }

        return new TypeTextResult(strokes.Count, skipped);
    }

    private async Task TypeKeyAsync(uint key, bool down, CancellationToken cancellationToken)
    {
        await Client().KeyAsync(key, down, cancellationToken).ConfigureAwait(false);
        await Task.Delay(DisplayPacing.TypingKeyInterval, Time, cancellationToken).ConfigureAwait(false);
    }

    private RfbClient Client() =>
        _closedReason is { } reason ? throw new DisplayClosedException(reason)
        : _client ?? throw new DisplayClosedException($"The display of {Name} is still connecting.");
}
