using Microsoft.Extensions.Hosting;

namespace HvWeb.Engine.Vms;

/// <summary>
/// The dynamic memory controller: one loop for every running VM, once a second (Hyper-V's memory
/// balancer reacts within seconds too). Each round reads the guests' balloon statistics, moves
/// each dynamic-memory VM's balloon toward demand plus buffer within minimum and maximum, and
/// checks heartbeats.
/// </summary>
public sealed class DynamicMemoryService(VmManager manager, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await manager.BalanceMemoryAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
