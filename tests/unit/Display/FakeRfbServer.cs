using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;

namespace HvWeb.Tests.Unit.Display;

/// <summary>
/// A VNC server on a unix socket for display tests: one client, the handshake, then whatever the
/// test sends; it records the client's key and pointer events and counts update requests.
/// </summary>
internal sealed class FakeRfbServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-rfb-").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly TaskCompletionSource<Socket> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<byte[]> _events = Channel.CreateUnbounded<byte[]>();
    private int _updateRequests;

    public FakeRfbServer(int width, int height)
    {
        Width = width;
        Height = height;
        SocketPath = Path.Combine(_folder, "vnc.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _ = AcceptAsync();
    }

    public string SocketPath { get; }

    public int Width { get; }

    public int Height { get; }

    public int UpdateRequests => Volatile.Read(ref _updateRequests);

    /// <summary>Key (12-byte QEMU extended) and pointer (6-byte) messages as the client sent them.</summary>
    public ChannelReader<byte[]> Events => _events.Reader;

    public async Task SendAsync(byte[] bytes)
    {
        var client = await _client.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.SendAsync(bytes);
    }

    /// <summary>A full-screen raw update of one colour.</summary>
    public Task SendScreenAsync(uint rgb) =>
        SendAsync(new RfbScript().Update(1).Rect(0, 0, Width, Height, HvWeb.Display.Rfb.RfbEncoding.Raw).Pixels(rgb, Width * Height).ToArray());

    public async Task CloseClientAsync()
    {
        var client = await _client.Task;
        client.Shutdown(SocketShutdown.Both);
        client.Dispose();
    }

    public async Task<byte[]> NextEventAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private async Task AcceptAsync()
    {
        try
        {
            var client = await _listener.AcceptAsync();
            await client.SendAsync(new RfbScript().Handshake(Width, Height, "fake").ToArray());
            _client.TrySetResult(client);
            await ReadClientAsync(client);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            _client.TrySetException(e);
        }
    }

    private async Task ReadClientAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var header = new byte[12];
        await stream.ReadExactlyAsync(header.AsMemory(0, 12)); // version
        await stream.ReadExactlyAsync(header.AsMemory(0, 2)); // security type, ClientInit
        while (true)
        {
            if (await stream.ReadAsync(header.AsMemory(0, 1)) == 0)
            {
                return;
            }

            switch (header[0])
            {
                case 0: // SetPixelFormat
                    await stream.ReadExactlyAsync(new byte[19]);
                    break;
                case 2: // SetEncodings
                    await stream.ReadExactlyAsync(header.AsMemory(1, 3));
                    await stream.ReadExactlyAsync(new byte[4 * BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2))]);
                    break;
                case 3:
                    await stream.ReadExactlyAsync(new byte[9]);
                    Interlocked.Increment(ref _updateRequests);
                    break;
                case 5:
                    await stream.ReadExactlyAsync(header.AsMemory(1, 5));
                    await _events.Writer.WriteAsync(header[..6]);
                    break;
                case 255:
                    await stream.ReadExactlyAsync(header.AsMemory(1, 11));
                    await _events.Writer.WriteAsync(header[..12]);
                    break;
                default:
                    throw new InvalidDataException($"client message {header[0]}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        if (_client.Task.IsCompletedSuccessfully)
        {
            (await _client.Task).Dispose();
        }

        Directory.Delete(_folder, recursive: true);
        await Task.CompletedTask;
    }
}
