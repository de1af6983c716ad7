namespace HvWeb.Display.Frames;

/// <summary>What <see cref="FramebufferSink"/> tells its owner. <see cref="Resized"/> and <see cref="Changed"/> run under the framebuffer's lock.</summary>
internal interface IFramebufferListener
{
    void Resized(int width, int height);

    /// <summary>The tiles changed by one update (read it now; it is cleared afterwards).</summary>
    void Changed(DirtyGrid changed);

    /// <summary>After <see cref="Changed"/>, outside the lock: wake whoever waits for changes.</summary>
    void UpdateEnded();

    void PointerModeChanged(bool absolute);

    void LedStateChanged(int leds);
}
