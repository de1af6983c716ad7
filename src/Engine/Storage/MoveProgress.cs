using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>Bytes copied so far as a percentage between <paramref name="from"/> and <paramref name="to"/>, reported when it changes.</summary>
internal sealed class MoveProgress(IProgress<OperationProgress> progress, long totalBytes, int from, int to, string step)
{
    private long _done;
    private int _last = -1;

    public string Step { get; set; } = step;

    public void Add(long bytes)
    {
        _done += bytes;
        Report(totalBytes > 0 ? Math.Min(1.0, _done / (double)totalBytes) : 1.0);
    }

    /// <summary>Reports a share (0–1) of this stage.</summary>
    public void Report(double share)
    {
        var percent = from + (int)((to - from) * share);
        if (percent != _last)
        {
            _last = percent;
            progress.Report(new OperationProgress(percent, Step));
        }
    }
}
