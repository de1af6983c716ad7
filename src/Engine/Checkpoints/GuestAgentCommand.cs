using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HvWeb.Engine.Checkpoints;

/// <summary>One guest agent command (after a <c>guest-sync</c>), e.g. <c>guest-fsfreeze-freeze</c>; returns its <c>return</c> value.</summary>
internal static class GuestAgentCommand
{
    public static async Task<JsonElement> ExecuteAsync(string socketPath, string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timer.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"execute\":\"guest-sync\",\"arguments\":{{\"id\":{id}}}}}\n"), timer.Token).ConfigureAwait(false);
        while (await reader.ReadLineAsync(timer.Token).ConfigureAwait(false) is { } line && !line.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"execute\":\"{command}\"}}\n"), timer.Token).ConfigureAwait(false);
        var reply = await reader.ReadLineAsync(timer.Token).ConfigureAwait(false) ?? throw new IOException("The guest agent closed the channel.");
        using var json = JsonDocument.Parse(reply);
        if (json.RootElement.TryGetProperty("error", out var error))
        {
            throw new IOException(error.TryGetProperty("desc", out var d) ? d.GetString() : reply);
        }

        return json.RootElement.TryGetProperty("return", out var value) ? value.Clone() : default;
    }
}
