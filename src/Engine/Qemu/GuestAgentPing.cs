using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// The Heartbeat integration service over the QEMU guest agent's virtio-serial channel: a
/// <c>guest-sync</c> with a fresh id (so a reply to an older, unanswered request is never taken for
/// this one), answered in time = the guest is alive. One short connection per check.
/// </summary>
public static class GuestAgentPing
{
    public static async Task<bool> PingAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timer.Token).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var id = Random.Shared.NextInt64(1, long.MaxValue);
            var request = Encoding.UTF8.GetBytes($"{{\"execute\":\"guest-sync\",\"arguments\":{{\"id\":{id}}}}}\n");
            await stream.WriteAsync(request, timer.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(timer.Token).ConfigureAwait(false) is { } line)
            {
                if (IsReplyTo(line, id))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static bool IsReplyTo(string line, long id)
    {
        try
        {
            using var doc = JsonDocument.Parse(line.Trim('\xff', ' ', '\r'));
            return doc.RootElement.TryGetProperty("return", out var value) && value.ValueKind == JsonValueKind.Number && value.GetInt64() == id;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
