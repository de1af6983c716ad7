using HvWeb.Jobs;

namespace HvWeb.JobsBench;

/// <summary>Reports progress <paramref name="reports"/> times, one every <paramref name="interval"/>, with a log line every tenth.</summary>
internal sealed class BenchJob(int number, int reports, TimeSpan interval, Action onReport) : IJob
{
    public const string JobKind = "bench";

    public string Kind => JobKind;

    public string Description => $"Bench job {number}";

    public Guid? VmId { get; } = Guid.NewGuid();

    public string? VmName => $"bench{number:000}";

    public bool CanCancel => true;

    public async Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= reports; i++)
        {
            progress.Report(new JobProgress(i * 100 / reports, $"Step {i} of {reports}", i % 10 == 0 ? $"Reached step {i}" : null));
            onReport();
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
