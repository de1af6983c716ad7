using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;

namespace HvWeb.Tests.Unit.Checkpoints;

/// <summary>
/// <see cref="GuestFreeze"/>, shared by Production checkpoints and the live export, against a unix
/// socket that answers like qemu-ga (the real agent is tested in tests/e2e/Checkpoints and
/// tests/e2e/Storage/ExportTests.cs).
/// </summary>
public sealed class GuestFreezeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hvweb-freeze-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task FreezeAsync_AgentRefusesTheFreeze_ThawsAndRethrows()
    {
        var commands = new List<string>();
        var (socket, agent) = Agent(2, commands, command => command == "guest-fsfreeze-freeze"
            ? "{\"error\": {\"class\": \"GenericError\", \"desc\": \"failed to freeze /data\"}}"
            : "{\"return\": 0}");

        var error = await Assert.ThrowsAsync<IOException>(() => GuestFreeze.FreezeAsync(socket, CancellationToken.None));

        await agent;
        Assert.Equal("failed to freeze /data", error.Message);
        Assert.Equal(["guest-fsfreeze-freeze", "guest-fsfreeze-thaw"], commands);
    }

    [Fact]
    public async Task FreezeAsync_AgentFreezes_ReturnsTheCount()
    {
        var commands = new List<string>();
        var (socket, agent) = Agent(1, commands, _ => "{\"return\": 2}");

        Assert.Equal(2, await GuestFreeze.FreezeAsync(socket, CancellationToken.None));

        await agent;
        Assert.Equal(["guest-fsfreeze-freeze"], commands);
    }

    [Fact]
    public async Task ProblemAsync_BackupServiceOffOrNoAgent_SaysWhy()
    {
        var vm = new VmDefinition { Id = Guid.NewGuid(), Name = "v", CreatedUtc = DateTimeOffset.UnixEpoch, Folder = _folder, IntegrationServices = new IntegrationServices { Backup = false } };

        Assert.Equal("the Backup (volume checkpoint) integration service is off", await GuestFreeze.ProblemAsync(vm, Path.Combine(_folder, "none.sock"), CancellationToken.None));
        Assert.Equal("the guest agent did not answer", await GuestFreeze.ProblemAsync(vm with { IntegrationServices = new IntegrationServices() }, Path.Combine(_folder, "none.sock"), CancellationToken.None));
    }

    /// <summary>A unix socket server for <paramref name="clients"/> connections: each syncs, then answers one command with <paramref name="answer"/>.</summary>
    private (string Socket, Task Served) Agent(int clients, List<string> commands, Func<string, string> answer)
    {
        var path = Path.Combine(_folder, "qga.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var served = Task.Run(async () =>
        {
            using (listener)
            {
                for (var i = 0; i < clients; i++)
                {
                    using var client = await listener.AcceptAsync();
                    await using var stream = new NetworkStream(client, ownsSocket: false);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
                    using var sync = JsonDocument.Parse((await reader.ReadLineAsync())!);
                    await writer.WriteLineAsync($"{{\"return\": {sync.RootElement.GetProperty("arguments").GetProperty("id").GetInt64()}}}");
                    using var command = JsonDocument.Parse((await reader.ReadLineAsync())!);
                    var name = command.RootElement.GetProperty("execute").GetString()!;
                    commands.Add(name);
                    await writer.WriteLineAsync(answer(name));
                }
            }
        });
        return (path, served);
    }
}
