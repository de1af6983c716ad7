using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HvWeb.Engine.Checkpoints;

namespace HvWeb.Tests.Unit.Checkpoints;

/// <summary>
/// The guest agent's wire protocol as <see cref="GuestAgentCommand"/> speaks it, against a unix
/// socket that answers like qemu-ga (the real agent is tested in tests/e2e/Checkpoints).
/// </summary>
public sealed class GuestAgentCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-qga-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ExecuteAsync_StaleReplyBeforeTheSync_SkipsItAndReturnsTheCommandsValue()
    {
        var (socket, agent) = Agent(async (reader, writer) =>
        {
            // A reply to an earlier client's request is still in the channel.
            await writer.WriteLineAsync("{\"return\": 7}");
            var sync = JsonDocument.Parse((await reader.ReadLineAsync())!);
            var id = sync.RootElement.GetProperty("arguments").GetProperty("id").GetInt64();
            await writer.WriteLineAsync($"{{\"return\": {id}}}");
            var command = await reader.ReadLineAsync();
            Assert.Equal("{\"execute\":\"guest-fsfreeze-freeze\"}", command);
            await writer.WriteLineAsync("{\"return\": 1}");
        });

        var value = await GuestAgentCommand.ExecuteAsync(socket, "guest-fsfreeze-freeze", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(1, value.GetInt32());
        await agent;
    }

    [Fact]
    public async Task ExecuteAsync_AgentAnswersWithAnError_ThrowsItsDescription()
    {
        var (socket, agent) = Agent(async (reader, writer) =>
        {
            var sync = JsonDocument.Parse((await reader.ReadLineAsync())!);
            await writer.WriteLineAsync($"{{\"return\": {sync.RootElement.GetProperty("arguments").GetProperty("id").GetInt64()}}}");
            await reader.ReadLineAsync();
            await writer.WriteLineAsync("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Command guest-fsfreeze-freeze has been disabled\"}}");
        });

        var error = await Assert.ThrowsAsync<IOException>(() => GuestAgentCommand.ExecuteAsync(socket, "guest-fsfreeze-freeze", TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Equal("Command guest-fsfreeze-freeze has been disabled", error.Message);
        await agent;
    }

    [Fact]
    public async Task ExecuteAsync_AgentNeverAnswers_GivesUpAfterTheTimeout()
    {
        var (socket, agent) = Agent(async (reader, _) =>
        {
            await reader.ReadLineAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GuestAgentCommand.ExecuteAsync(socket, "guest-ping", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        await agent;
    }

    /// <summary>A one-client unix socket server running <paramref name="serve"/>, like QEMU's chardev in front of qemu-ga.</summary>
    private (string Socket, Task Served) Agent(Func<StreamReader, StreamWriter, Task> serve)
    {
        var path = Path.Combine(_folder, "qga.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var served = Task.Run(async () =>
        {
            using (listener)
            {
                using var client = await listener.AcceptAsync();
                await using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
                await serve(reader, writer);
            }
        });
        return (path, served);
    }
}
