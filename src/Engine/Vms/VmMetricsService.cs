using Microsoft.Extensions.Hosting;

namespace HvWeb.Engine.Vms;

/// <summary>Samples running VMs' CPU usage and uptime once a second (Hyper-V Manager's refresh is slower).</summary>
public sealed class VmMetricsService(VmManager manager, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            manager.SampleMetrics();
        }
    }
}
