using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>The export's progress weighted by bytes: each step's share is its bytes over the total.</summary>
internal sealed class ExportMeter(long totalBytes, IProgress<OperationProgress> progress)
{
    private long _done;
    private int _last = -1;

    /// <summary>Reports <paramref name="fraction"/> (0–1) of a step of <paramref name="stepBytes"/> under way.</summary>
    public void Report(long stepBytes, double fraction, string step)
    {
        var total = Math.Max(1, totalBytes);
        var percent = (int)Math.Clamp(Math.Floor(99.0 * (_done + (stepBytes * Math.Clamp(fraction, 0, 1))) / total), 0, 99);
        if (percent != _last || fraction == 0)
        {
            _last = percent;
            progress.Report(new OperationProgress(percent, step));
        }
    }

    public void Done(long stepBytes) => _done += stepBytes;

    public void Finished() => progress.Report(new OperationProgress(100, "Exported"));
}
