using System.Net.Sockets;
using HvWeb.Display.Frames;
using HvWeb.Display.Rfb;
using Microsoft.Extensions.Logging;

namespace HvWeb.Display;

/// <summary>
/// One VM's screen: one RFB connection, one framebuffer, any number of viewers. The source
/// decodes every update once; each viewer encodes and sends its own dirty region at its own
/// pace, so a slow viewer never slows the VM or the other viewers. Takes an endpoint (a function
/// that opens a stream), not a VM.
/// </summary>
public sealed partial class DisplaySource : IAsyncDisposable, IFramebufferListener
{
    private readonly Func<CancellationToken, Task<Stream>> _connect;
    private readonly RfbClientOptions _options;
    private readonly ILogger _logger;
    private readonly Framebuffer _framebuffer = new();
    private readonly List<DisplayViewer> _viewers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstPicture = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _typing = new(1, 1);
    private RfbClient? _client;
    private Task _run = Task.CompletedTask;
    private string? _closedReason;

    public DisplaySource(string name, Func<CancellationToken, Task<Stream>> connect, RfbClientOptions options, TimeProvider time, ILogger logger)
    {
        Name = name;
        _connect = connect;
        // Nobody may be waiting when the connection fails; the reason is kept in ClosedReason.
        _ = _connected.Task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _ = _firstPicture.Task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _options = options;
        Time = time;
        _logger = logger;
    }

    /// <summary>For messages and logs ("VM 'web01'").</summary>
    public string Name { get; }

    public TimeProvider Time { get; }

    public DisplaySourceState State => _closedReason is not null ? DisplaySourceState.Closed
        : _client is null ? DisplaySourceState.Connecting
        : DisplaySourceState.Connected;

    /// <summary>Why the source closed, for a person; null while it is open.</summary>
    public string? ClosedReason => _closedReason;

    /// <summary>Completes when the connection has ended (never faults).</summary>
    public Task Completion => _run;

    /// <summary>Completes once the handshake is done; faults with <see cref="DisplayClosedException"/> when it failed.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes once the first update with pixels has been drawn; faults like <see cref="Connected"/>.</summary>
    public Task FirstPicture => _firstPicture.Task;

    public RfbStatistics? Statistics => _client?.Statistics;

    /// <summary>The guest's pointer is absolute (a tablet), as QEMU last said; null until it says.</summary>
    public bool? PointerAbsolute { get; private set; }

    /// <summary>Keyboard LEDs (bit 0 scroll, 1 num, 2 caps lock), as QEMU last said.</summary>
    public int? Leds { get; private set; }

    public int ViewerCount
    {
        get
        {
            lock (_framebuffer.Sync)
            {
                return _viewers.Count;
            }
        }
    }

    internal Framebuffer Framebuffer => _framebuffer;

    /// <summary>Opens a stream to a unix socket (QEMU's <c>-vnc unix:PATH</c>).</summary>
    public static Func<CancellationToken, Task<Stream>> UnixSocket(string path) => async cancellationToken =>
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>Connects and starts reading in the background.</summary>
    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>A new viewer; it first receives the whole screen.</summary>
    /// <exception cref="DisplayClosedException">the source has closed.</exception>
    public DisplayViewer AddViewer(bool readOnly)
    {
        lock (_framebuffer.Sync)
        {
            if (_closedReason is { } reason)
            {
                throw new DisplayClosedException(reason);
            }

            var viewer = new DisplayViewer(this, readOnly);
            viewer.Resized(_framebuffer.Width, _framebuffer.Height);
            _viewers.Add(viewer);
            return viewer;
        }
    }

    internal void RemoveViewer(DisplayViewer viewer)
    {
        lock (_framebuffer.Sync)
        {
            _viewers.Remove(viewer);
        }
    }

    /// <summary>Copies the whole screen out (for thumbnails); null before the first picture.</summary>
    public (byte[] Pixels, int Width, int Height)? CopyScreen()
    {
        lock (_framebuffer.Sync)
        {
            if (_framebuffer.Width == 0 || _framebuffer.Height == 0 || _client is null)
            {
                return null;
            }

            var pixels = GC.AllocateUninitializedArray<byte>(_framebuffer.Stride * _framebuffer.Height);
            _framebuffer.CopyTo(new PixelRect(0, 0, _framebuffer.Width, _framebuffer.Height), pixels);
            return (pixels, _framebuffer.Width, _framebuffer.Height);
        }
    }

    private async Task RunAsync()
    {
        var connected = false;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                connectTimeout.CancelAfter(DisplayPacing.ConnectTimeout);
                var stream = await _connect(connectTimeout.Token).ConfigureAwait(false);
                try
                {
                    _client = await RfbClient.ConnectAsync(stream, _options, connectTimeout.Token).ConfigureAwait(false);
                }
                catch
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            connected = true;
            LogConnected(_client.ServerInit.Width, _client.ServerInit.Height, _client.ServerInit.Name);
            _connected.TrySetResult();
            await _client.RunAsync(new FramebufferSink(_framebuffer, this), _stop.Token).ConfigureAwait(false);
            Close($"The screen of {Name} closed: the VM was turned off, saved or restarted.");
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            Close($"The display of {Name} was closed.");
        }
        catch (OperationCanceledException)
        {
            Close($"The display of {Name} did not answer within {DisplayPacing.ConnectTimeout.TotalSeconds:0} s.");
        }
        catch (RfbProtocolException e)
        {
            LogProtocolError(e);
            Close($"The display of {Name} sent something HvWeb cannot show, so its connection was ended: {e.Message}");
        }
        catch (Exception e) when (connected && IsPeerGone(e))
        {
            // QEMU exiting with an update request unread resets the connection rather than closing it.
            Close($"The screen of {Name} closed: the VM was turned off, saved or restarted.");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close(connected
                ? $"The connection to the screen of {Name} was lost: {e.Message}"
                : $"HvWeb could not reach the display of {Name}: {e.Message}");
        }
#pragma warning disable CA1031 // The read loop must end the source with a message, never take the process down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e);
            Close($"The display of {Name} failed: {e.Message}");
        }
        finally
        {
            if (_client is { } client)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool IsPeerGone(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;

    private void Close(string reason)
    {
        List<DisplayViewer> viewers;
        lock (_framebuffer.Sync)
        {
            if (_closedReason is not null)
            {
                return;
            }

            _closedReason = reason;
            viewers = [.. _viewers];
        }

        LogClosed(reason);
        _connected.TrySetException(new DisplayClosedException(reason));
        _firstPicture.TrySetException(new DisplayClosedException(reason));
        foreach (var viewer in viewers)
        {
            viewer.Closed(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        Close($"The display of {Name} was closed.");
        _stop.Dispose();
        _typing.Dispose();
    }
}
