using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class QmpClientProtocolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExecuteAsync_RepliesOutOfOrder_EachCommandGetsItsReply()
    {
        await using var server = new FakeQmpServer();
        await using var qmp = await ConnectAsync(server);

        var first = qmp.ExecuteAsync("first");
        var second = qmp.ExecuteAsync("second", new { device = "ide1-0" });
        var a = await server.ReceiveAsync();
        var b = await server.ReceiveAsync();
        await server.SendAsync($$"""{"return": {"n": 2}, "id": {{b.GetProperty("id")}}}""");
        await server.SendAsync($$"""{"return": {"n": 1}, "id": {{a.GetProperty("id")}}}""");

        Assert.Equal(1, (await first.WaitAsync(Patience)).GetProperty("n").GetInt32());
        Assert.Equal(2, (await second.WaitAsync(Patience)).GetProperty("n").GetInt32());
        Assert.Equal("ide1-0", b.GetProperty("arguments").GetProperty("device").GetString());
        Assert.False(a.TryGetProperty("arguments", out _));
    }

    [Fact]
    public async Task ExecuteAsync_PeerHangsUp_PendingCommandFailsWithClosed()
    {
        await using var server = new FakeQmpServer();
        await using var qmp = await ConnectAsync(server);

        var pending = qmp.ExecuteAsync("query-status");
        await server.ReceiveAsync();
        server.Hangup();

        var error = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => pending.WaitAsync(Patience));
        Assert.IsAssignableFrom<IOException>(error);
        await qmp.Closed.WaitAsync(Patience);
    }

    [Fact]
    public async Task ReadLoop_MalformedLine_ClosesWithReasonAndFailsPending()
    {
        await using var server = new FakeQmpServer();
        await using var qmp = await ConnectAsync(server);

        var pending = qmp.ExecuteAsync("query-status");
        await server.ReceiveAsync();
        await server.SendAsync("{\"return\": oops");

        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => pending.WaitAsync(Patience));
        await qmp.Closed.WaitAsync(Patience);
        Assert.Contains("unreadable", qmp.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_WithAndWithoutData_AreDeliveredWithTimestamp()
    {
        await using var server = new FakeQmpServer();
        await using var qmp = await ConnectAsync(server);

        await server.SendAsync("""{"timestamp": {"seconds": 1700000000, "microseconds": 250000}, "event": "STOP"}""");
        await server.SendAsync("""{"timestamp": {"seconds": 1700000001, "microseconds": 0}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}}""");
        using var timeout = new CancellationTokenSource(Patience);
        var stop = await qmp.Events.ReadAsync(timeout.Token);
        var shutdown = await qmp.Events.ReadAsync(timeout.Token);

        Assert.Equal("STOP", stop.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250), stop.Timestamp);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, stop.Data.ValueKind);
        Assert.Equal("guest-shutdown", shutdown.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsAndLaterRepliesStillMatch()
    {
        await using var server = new FakeQmpServer();
        await using var qmp = await ConnectAsync(server);
        using var cancel = new CancellationTokenSource();

        var abandoned = qmp.ExecuteAsync("slow", null, cancel.Token);
        var slow = await server.ReceiveAsync();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.WaitAsync(Patience));
        var next = qmp.ExecuteAsync("query-status");
        var request = await server.ReceiveAsync();
        await server.SendAsync($$"""{"return": {"late": true}, "id": {{slow.GetProperty("id")}}}""");
        await server.SendAsync($$"""{"return": {"status": "running"}, "id": {{request.GetProperty("id")}}}""");

        Assert.Equal("running", (await next.WaitAsync(Patience)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DisposeAsync_PendingCommand_FailsWithClosed()
    {
        await using var server = new FakeQmpServer();
        var qmp = await ConnectAsync(server);
        var pending = qmp.ExecuteAsync("query-status");
        await server.ReceiveAsync();

        await qmp.DisposeAsync();

        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => pending.WaitAsync(Patience));
        Assert.True(qmp.Closed.IsCompletedSuccessfully);
    }

    private static async Task<QmpClient> ConnectAsync(FakeQmpServer server)
    {
        var accepted = server.AcceptAsync();
        var client = await QmpClient.ConnectAsync(server.SocketPath, CancellationToken.None).WaitAsync(Patience);
        await accepted;
        return client;
    }
}
