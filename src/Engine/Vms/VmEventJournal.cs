using HvWeb.Engine.Events;
using HvWeb.Engine.Model;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Writes the engine's events to the event log and to the process log. A failing event log never
/// fails the operation that reports (it is logged instead).
/// </summary>
public sealed class VmEventJournal(IEventLog eventLog, TimeProvider time, ILogger<VmEventJournal> logger)
{
    public Task InfoAsync(VmDefinition? vm, string message, string source = HostEvent.WorkerSource) =>
        WriteAsync(EventLevel.Information, vm, message, source);

    public Task WarningAsync(VmDefinition? vm, string message, string source = HostEvent.WorkerSource) =>
        WriteAsync(EventLevel.Warning, vm, message, source);

    public Task ErrorAsync(VmDefinition? vm, string message, string source = HostEvent.WorkerSource) =>
        WriteAsync(EventLevel.Error, vm, message, source);

    private async Task WriteAsync(EventLevel level, VmDefinition? vm, string message, string source)
    {
        var logLevel = level switch
        {
            EventLevel.Information => LogLevel.Information,
            EventLevel.Warning => LogLevel.Warning,
            EventLevel.Error => LogLevel.Error,
        };
        logger.Log(logLevel, "{Source} {Vm}: {Message}", source, vm?.Name ?? "-", message);
        try
        {
            await eventLog.WriteAsync(new HostEvent
            {
                TimeUtc = time.GetUtcNow(),
                Level = level,
                Source = source,
                VmId = vm?.Id,
                VmName = vm?.Name,
                Message = message,
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The event log could not store: {Message}", message);
        }
    }
}
