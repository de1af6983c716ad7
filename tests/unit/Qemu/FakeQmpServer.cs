using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HvWeb.Tests.Unit.Qemu;

/// <summary>
/// A scripted QMP peer on a unix socket: greets, accepts qmp_capabilities, then lets the test send
/// raw lines and read what the client sent. For behaviour a real QEMU will not show on demand.
/// </summary>
internal sealed class FakeQmpServer : IAsyncDisposable
{
    private const string Greeting = """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}""";
    private readonly string _folder = Directory.CreateTempSubdirectory("hvqmp").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private Socket? _peer;
    private StreamReader? _reader;

    public FakeQmpServer()
    {
        SocketPath = Path.Combine(_folder, "qmp.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
    }

    public string SocketPath { get; }

    /// <summary>Accepts the client, greets it and answers its qmp_capabilities.</summary>
    public async Task AcceptAsync()
    {
        _peer = await _listener.AcceptAsync();
        _reader = new StreamReader(new NetworkStream(_peer), Encoding.UTF8);
        await SendAsync(Greeting);
        var negotiation = await ReceiveAsync();
        await SendAsync($$"""{"return": {}, "id": {{negotiation.GetProperty("id").GetRawText()}}}""");
    }

    public async Task<JsonElement> ReceiveAsync()
    {
        var line = await _reader!.ReadLineAsync() ?? throw new EndOfStreamException();
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async Task SendAsync(string line) => await _peer!.SendAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public void Hangup() => _peer?.Dispose();

    public ValueTask DisposeAsync()
    {
        _peer?.Dispose();
        _listener.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
