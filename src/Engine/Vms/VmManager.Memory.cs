using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>Dynamic memory through the balloon, the assigned memory from QEMU, and the heartbeat (see <see cref="DynamicMemoryService"/>).</summary>
public sealed partial class VmManager
{
    private const long BytesPerMb = 1024 * 1024;
    private const string BalloonPath = "/machine/peripheral/" + IntegrationArguments.BalloonId;
    /// <summary>How often the guest's balloon driver refreshes its statistics (seconds).</summary>
    private const int GuestStatsPollingSeconds = 1;
    /// <summary>How often a heartbeat is checked, and how long the guest agent has to answer.</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(2);

    /// <summary>One round of the dynamic memory controller over every running VM.</summary>
    public async Task BalanceMemoryAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _vms.Values)
        {
            VmRuntime? runtime;
            VmDefinition vm;
            VmState state;
            lock (entry.Sync)
            {
                runtime = entry.Runtime;
                vm = entry.Definition;
                state = entry.State;
            }

            if (runtime is null || state is not (VmState.Running or VmState.Paused))
            {
                continue;
            }

            try
            {
                await BalanceAsync(entry, runtime, vm, cancellationToken).ConfigureAwait(false);
                CheckHeartbeat(runtime, vm, cancellationToken);
            }
            catch (Exception e) when (e is QmpException or QmpConnectionClosedException or IOException or InvalidOperationException or KeyNotFoundException)
            {
                _logger.LogDebug(e, "Dynamic memory round skipped VM {Name}", vm.Name);
            }
        }
    }

    private async Task BalanceAsync(VmEntry entry, VmRuntime runtime, VmDefinition vm, CancellationToken cancellationToken)
    {
        var qmp = runtime.Qmp;
        long? demand = null;
        if (vm.DynamicMemoryEnabled)
        {
            if (!runtime.BalloonStatsEnabled)
            {
                await qmp.ExecuteAsync("qom-set", new Dictionary<string, object> { ["path"] = BalloonPath, ["property"] = "guest-stats-polling-interval", ["value"] = GuestStatsPollingSeconds }, cancellationToken).ConfigureAwait(false);
                runtime.BalloonStatsEnabled = true;
            }

            var stats = await qmp.ExecuteAsync("qom-get", new Dictionary<string, object> { ["path"] = BalloonPath, ["property"] = "guest-stats" }, cancellationToken).ConfigureAwait(false);
            demand = DemandMb(stats);
            var target = MemoryBalancer.Target(vm, demand, runtime.MemoryCeilingMb);
            if (Math.Abs(target - runtime.BalloonTargetMb) >= MemoryBalancer.HysteresisMb)
            {
                await qmp.ExecuteAsync("balloon", new Dictionary<string, object> { ["value"] = target * BytesPerMb }, cancellationToken).ConfigureAwait(false);
                runtime.BalloonTargetMb = target;
            }
        }

        var balloon = await qmp.ExecuteAsync("query-balloon", null, cancellationToken).ConfigureAwait(false);
        var assigned = balloon.GetProperty("actual").GetInt64() / BytesPerMb;
        lock (entry.Sync)
        {
            entry.MemoryAssignedMb = assigned;
            runtime.MemoryDemandMb = demand ?? 0;
            runtime.MemoryStatus = vm.DynamicMemoryEnabled ? MemoryBalancer.Status(vm, demand, assigned) : "";
        }

        Publish(vm.Id);
    }

    /// <summary>Used memory (total − available) from the balloon's guest statistics; null until the guest reported.</summary>
    public static long? DemandMb(JsonElement guestStats)
    {
        if (!guestStats.TryGetProperty("last-update", out var updated) || updated.GetInt64() == 0
            || !guestStats.TryGetProperty("stats", out var stats)
            || !stats.TryGetProperty("stat-total-memory", out var total) || total.GetInt64() <= 0
            || !stats.TryGetProperty("stat-available-memory", out var available) || available.GetInt64() < 0)
        {
            return null;
        }

        return Math.Max(0, total.GetInt64() - available.GetInt64()) / BytesPerMb;
    }

    /// <summary>
    /// Heartbeat through the guest agent (one check in flight per VM, every few seconds): "OK" when
    /// it answers, "No Contact" when it never has (no agent in the guest), "Lost Communication"
    /// when it answered before and no longer does.
    /// </summary>
    private void CheckHeartbeat(VmRuntime runtime, VmDefinition vm, CancellationToken cancellationToken)
    {
        if (!vm.IntegrationServices.Heartbeat || !IntegrationArguments.UsesGuestAgent(vm.IntegrationServices))
        {
            runtime.Heartbeat = "";
            return;
        }

        var now = _time.GetUtcNow();
        if (runtime.HeartbeatInFlight || now - runtime.LastHeartbeatAt < HeartbeatInterval)
        {
            return;
        }

        runtime.HeartbeatInFlight = true;
        runtime.LastHeartbeatAt = now;
        _ = Task.Run(async () =>
        {
            try
            {
                var alive = await GuestAgentPing.PingAsync(VmPaths.GuestAgentSocket(runtime.SocketFolder), HeartbeatTimeout, cancellationToken).ConfigureAwait(false);
                runtime.GuestAgentSeen |= alive;
                runtime.Heartbeat = alive ? "OK" : runtime.GuestAgentSeen ? "Lost Communication" : "No Contact";
                Publish(vm.Id);
            }
            catch (OperationCanceledException)
            {
                // The console is stopping.
            }
            finally
            {
                runtime.HeartbeatInFlight = false;
            }
        }, CancellationToken.None);
    }
}
