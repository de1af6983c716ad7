using System.Text.Json;
using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.E2e.Qemu;

public sealed class QmpClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConnectAsync_PausedQemu_GreetsAndReportsPrelaunch()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        var status = await qmp.ExecuteAsync("query-status");

        Assert.Equal(7, qmp.Greeting.GetProperty("QMP").GetProperty("version").GetProperty("qemu").GetProperty("major").GetInt32());
        Assert.Equal("prelaunch", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task ExecuteAsync_ContThenStop_RaisesResumeAndStopEvents()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        await qmp.ExecuteAsync("cont");
        var resume = await NextEventAsync(qmp);
        Assert.Equal("running", (await qmp.ExecuteAsync("query-status")).GetProperty("status").GetString());
        await qmp.ExecuteAsync("stop");
        var stop = await NextEventAsync(qmp);

        Assert.Equal("RESUME", resume.Name);
        Assert.Equal("STOP", stop.Name);
        Assert.True(stop.Timestamp >= resume.Timestamp);
        Assert.True(resume.Timestamp > DateTimeOffset.UnixEpoch.AddYears(50));
    }

    [Fact]
    public async Task ExecuteAsync_UnknownCommand_ThrowsQmpExceptionWithClass()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        var error = await Assert.ThrowsAsync<QmpException>(() => qmp.ExecuteAsync("no-such-command"));

        Assert.Equal("CommandNotFound", error.ErrorClass);
        Assert.Contains("no-such-command", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BadArguments_ThrowsGenericErrorAndConnectionStaysUsable()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        var error = await Assert.ThrowsAsync<QmpException>(() => qmp.ExecuteAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = "nothing" }));

        Assert.Equal("GenericError", error.ErrorClass);
        Assert.Equal("prelaunch", (await qmp.ExecuteAsync("query-status")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentCommands_EachGetsItsOwnReply()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        var statuses = Enumerable.Range(0, 20).Select(_ => qmp.ExecuteAsync("query-status"));
        var names = Enumerable.Range(0, 20).Select(_ => qmp.ExecuteAsync("query-name"));
        var results = await Task.WhenAll(statuses.Concat(names));

        Assert.All(results.Take(20), r => Assert.Equal("prelaunch", r.GetProperty("status").GetString()));
        Assert.All(results.Skip(20), r => Assert.Equal(JsonValueKind.Object, r.ValueKind));
        Assert.All(results.Skip(20), r => Assert.False(r.TryGetProperty("status", out _)));
    }

    [Fact]
    public async Task Quit_QemuExits_ClosedCompletesAndLaterCommandsFail()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        await qmp.ExecuteAsync("quit");
        await qmp.Closed.WaitAsync(Patience);
        await vm.Process.WaitForExitAsync().WaitAsync(Patience);

        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => qmp.ExecuteAsync("query-status"));
        var events = new List<QmpEvent>();
        await foreach (var e in qmp.Events.ReadAllAsync())
        {
            events.Add(e);
        }

        Assert.Contains(events, e => e.Name == "SHUTDOWN");
    }

    [Fact]
    public async Task Closed_QemuKilled_CompletesAndCommandsFail()
    {
        await using var vm = new QmpTestVm();
        await using var qmp = await vm.ConnectAsync();

        vm.Process.Kill();
        await qmp.Closed.WaitAsync(Patience);

        await Assert.ThrowsAsync<QmpConnectionClosedException>(() => qmp.ExecuteAsync("query-status"));
    }

    private static async Task<QmpEvent> NextEventAsync(QmpClient qmp)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await qmp.Events.ReadAsync(timeout.Token);
    }
}
