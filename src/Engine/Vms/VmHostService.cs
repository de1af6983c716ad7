using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Vms;

/// <summary>
/// The host service: loads the inventory and re-attaches running VMs before anything else uses
/// the manager, runs automatic start actions, and on the way out either leaves VMs running (a
/// console restart never kills a VM) or, when the host itself is shutting down (or
/// HvWeb:ApplyStopActionsOnExit is set, as in a container), runs their automatic stop actions.
/// </summary>
public sealed class VmHostService(VmManager manager, IOptions<EngineOptions> options, ILogger<VmHostService> logger) : IHostedService, IDisposable
{
    private CancellationTokenSource? _stopping;
    private Task? _automaticStart;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await manager.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.RunAutomaticActions)
        {
            _stopping = new CancellationTokenSource();
            _automaticStart = manager.RunAutomaticStartAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_automaticStart is not null)
        {
            await _automaticStart.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (options.Value.RunAutomaticActions && (options.Value.ApplyStopActionsOnExit || await HostShutdown.IsUnderWayAsync(cancellationToken).ConfigureAwait(false)))
        {
            logger.LogInformation("Running the automatic stop actions");
            await manager.RunAutomaticStopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            logger.LogInformation("Leaving running VMs running; they are re-attached at the next start");
        }

        await manager.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping?.Dispose();
}
