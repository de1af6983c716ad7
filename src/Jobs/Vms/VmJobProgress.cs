using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>
/// Passes the engine's <see cref="OperationProgress"/> on as <see cref="JobProgress"/>: percent and
/// step as they are, and a log line each time the step changes ("Writing memory and device state").
/// </summary>
internal sealed class VmJobProgress(IProgress<JobProgress> job) : IProgress<OperationProgress>
{
    private readonly Lock _sync = new();
    private string? _lastStep;

    public void Report(OperationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool stepChanged;
        lock (_sync)
        {
            stepChanged = value.Step != _lastStep;
            _lastStep = value.Step;
        }

        job.Report(new JobProgress(value.Percent, value.Step, stepChanged ? value.Step : null));
    }
}
