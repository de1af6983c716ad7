namespace HvWeb.Display;

/// <summary>The display pipeline's timing and flow-control heuristics, each with why it has its value.</summary>
public static class DisplayPacing
{
    /// <summary>
    /// Shortest time between two frames to one viewer (about 66 per second). QEMU refreshes its VNC
    /// clients at most every 30 ms, so this only merges updates that arrive in a burst; it never
    /// delays the first change after a quiet period.
    /// </summary>
    public static readonly TimeSpan MinFrameInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// Frames sent to a viewer but not yet drawn (acknowledged). Two keep the connection busy while
    /// the browser decodes the previous frame; more would only queue stale pictures. A viewer at
    /// the limit gets nothing new: its changes merge in its dirty region and go out as one later frame.
    /// </summary>
    public const int MaxFramesInFlight = 2;

    /// <summary>A viewer that has not drawn anything for this long while frames wait is ended (the browser stopped reading).</summary>
    public static readonly TimeSpan ViewerStallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A tile sent as JPEG and unchanged for this long is sent again losslessly, so text over a
    /// busy background ends sharp once it stops moving. Shorter would resend tiles of video that is
    /// only pausing; longer leaves blur visible.
    /// </summary>
    public static readonly TimeSpan LosslessRefineDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How long connecting to the VM's VNC socket and the RFB handshake may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Pause after each key event of typed text. QEMU's VNC server spaces key events by its
    /// key-delay-ms (10 ms by default) and drops events past its input queue's limit; sending at
    /// its own pace keeps that queue short so nothing typed is lost.
    /// </summary>
    public static readonly TimeSpan TypingKeyInterval = TimeSpan.FromMilliseconds(11);

    /// <summary>Longest text "Type clipboard text" accepts: at the typing pace, 4096 characters take about two minutes.</summary>
    public const int MaxTypedTextLength = 4096;
}
