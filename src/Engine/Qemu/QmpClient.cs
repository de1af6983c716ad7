using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// A QMP connection over QEMU's unix socket: commands (concurrent, matched to replies by "id") and
/// the stream of asynchronous events. One JSON object per line in both directions. Anything
/// unreadable from QEMU closes the connection (never the process); <see cref="Closed"/> then
/// completes and pending commands fail with <see cref="QmpConnectionClosedException"/>.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingCommand> _pending = new();
    private readonly Channel<QmpEvent> _events = Channel.CreateUnbounded<QmpEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private int _isClosed;
    private int _isDisposed;
    private string _closeReason = "The QMP connection is closed.";

    private QmpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(_stream, QmpMessages.Encoding);
    }

    /// <summary>QEMU's greeting, <c>{"QMP": {"version": …, "capabilities": …}}</c>.</summary>
    public JsonElement Greeting { get; private set; }

    /// <summary>Every asynchronous event, in order. Completes when the connection closes.</summary>
    public ChannelReader<QmpEvent> Events => _events.Reader;

    /// <summary>Completes (never faults) when the connection is closed, e.g. because QEMU exited.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Why the connection closed, once <see cref="Closed"/> has completed.</summary>
    public string CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Connects, reads the greeting and leaves capabilities negotiation mode.</summary>
    /// <exception cref="SocketException">nothing listens on <paramref name="socketPath"/>.</exception>
    public static async Task<QmpClient> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        QmpClient? client = null;
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            client = new QmpClient(socket);
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs a QMP command and returns its "return" member.</summary>
    /// <exception cref="QmpException">QEMU answered with an error.</exception>
    /// <exception cref="QmpConnectionClosedException">the connection closed before the answer came.</exception>
    public async Task<JsonElement> ExecuteAsync(string command, object? arguments = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCommand(command);
        _pending[id] = pending;
        if (Volatile.Read(ref _isClosed) == 1)
        {
            _pending.TryRemove(id, out _);
            throw new QmpConnectionClosedException(CloseReason);
        }

        try
        {
            await SendAsync(QmpMessages.Command(command, arguments, id), cancellationToken).ConfigureAwait(false);
            using (cancellationToken.Register(() => pending.Reply.TrySetCanceled(cancellationToken)))
            {
                return await pending.Reply.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _isDisposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Close("The QMP client was disposed.");
        await _readLoop.ConfigureAwait(false);
        _reader.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _writeLock.Dispose();
        _stop.Dispose();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new QmpConnectionClosedException("QEMU closed the QMP socket before its greeting.");
        using (var greeting = JsonDocument.Parse(line))
        {
            if (!greeting.RootElement.TryGetProperty("QMP", out _))
            {
                throw new QmpConnectionClosedException($"The socket did not greet like QMP: {line}");
            }

            Greeting = greeting.RootElement.Clone();
        }

        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        await ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Never cancelled half-way: a partial line would corrupt every later command.
            await _stream.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new QmpConnectionClosedException(CloseReason, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var reason = "QEMU closed the QMP connection.";
        try
        {
            while (await _reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    Dispatch(line);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            reason = "The QMP client was disposed.";
        }
        catch (JsonException e)
        {
            reason = $"QEMU sent an unreadable QMP message: {e.Message}";
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or KeyNotFoundException)
        {
            reason = $"The QMP connection failed: {e.Message}";
        }

        Close(reason);
    }

    private void Dispatch(string line)
    {
        using var document = JsonDocument.Parse(line);
        var message = document.RootElement;
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"expected an object, got {message.ValueKind}.");
        }

        if (message.TryGetProperty("event", out _))
        {
            _events.Writer.TryWrite(QmpMessages.Event(message));
            return;
        }

        // A reply without our id cannot be matched to a command (QEMU only does that for input it could not parse).
        if (!message.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id)
            || !_pending.TryGetValue(id, out var pending))
        {
            return;
        }

        if (message.TryGetProperty("error", out var error))
        {
            pending.Reply.TrySetException(QmpMessages.Error(pending.Command, error));
        }
        else if (message.TryGetProperty("return", out var result))
        {
            pending.Reply.TrySetResult(result.Clone());
        }
    }

    private void Close(string reason)
    {
        if (Interlocked.Exchange(ref _isClosed, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _closeReason, reason);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _events.Writer.TryComplete();
        foreach (var pending in _pending.Values)
        {
            pending.Reply.TrySetException(new QmpConnectionClosedException(reason));
        }

        _closed.TrySetResult();
    }

    private sealed record PendingCommand(string Command)
    {
        public TaskCompletionSource<JsonElement> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
