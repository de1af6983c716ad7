using HvWeb.Jobs;
using HvWeb.Jobs.Schedules;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>A schedule whose jobs the test can finish; it keeps every job it made.</summary>
internal sealed class CountingSchedule(TimeSpan interval, Func<ScriptedJob>? make = null) : IJobSchedule
{
    private readonly Lock _sync = new();
    private readonly List<ScriptedJob> _made = [];

    public string Name => "Replicate 'web01'";

    public TimeSpan Interval => interval;

    public IReadOnlyList<ScriptedJob> Made { get { lock (_sync) { return [.. _made]; } } }

    public IJob CreateJob()
    {
        var job = make?.Invoke() ?? new ScriptedJob { Kind = "replicate", Description = "Replicate VM 'web01'" };
        lock (_sync)
        {
            _made.Add(job);
        }

        return job;
    }
}
