using HvWeb.Jobs;

namespace HvWeb.Tests.Unit.Jobs.Fakes;

/// <summary>An <see cref="IJobStore"/> in memory that records every write, for the runner's tests.</summary>
internal sealed class RecordingJobStore : IJobStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, JobInfo> _jobs = [];
    private readonly Dictionary<Guid, List<JobLogLine>> _logs = [];
    private readonly List<IReadOnlyList<JobWrite>> _writes = [];

    /// <summary>Called after each write with its jobs as written (what a reader of the store sees from then on).</summary>
    public Action<JobInfo>? Written { get; set; }

    /// <summary>Makes every write throw (a database that is down).</summary>
    public bool FailWrites { get; set; }

    public IReadOnlyList<IReadOnlyList<JobWrite>> Writes { get { lock (_sync) { return [.. _writes]; } } }

    /// <summary>How many writes (transactions) carried this job.</summary>
    public int WritesOf(Guid id) { lock (_sync) { return _writes.Count(w => w.Any(j => j.Job.Id == id)); } }

    public JobInfo Job(Guid id) { lock (_sync) { return _jobs[id]; } }

    public IReadOnlyList<string> LogOf(Guid id) { lock (_sync) { return _logs.TryGetValue(id, out var log) ? [.. log.Select(l => l.Text)] : []; } }

    public RecordingJobStore With(JobInfo job, params string[] log)
    {
        lock (_sync)
        {
            _jobs[job.Id] = job;
            _logs[job.Id] = [.. log.Select(text => new JobLogLine(job.CreatedUtc, text))];
        }

        return this;
    }

    public Task AddAsync(JobInfo job, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _jobs.Add(job.Id, job);
            _logs[job.Id] = [];
        }

        return Task.CompletedTask;
    }

    public Task UpdateAsync(JobInfo job, CancellationToken cancellationToken = default) => WriteAsync([new JobWrite(job, [])], cancellationToken);

    public Task AppendLogAsync(Guid jobId, IReadOnlyList<JobLogLine> lines, CancellationToken cancellationToken = default) =>
        WriteAsync([new JobWrite(Job(jobId), lines)], cancellationToken);

    public Task WriteAsync(IReadOnlyList<JobWrite> writes, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (FailWrites)
            {
                throw new IOException("disk I/O error");
            }

            _writes.Add(writes);
            foreach (var write in writes)
            {
                _jobs[write.Job.Id] = write.Job;
                _logs[write.Job.Id].AddRange(write.NewLines);
            }
        }

        foreach (var write in writes)
        {
            Written?.Invoke(write.Job);
        }

        return Task.CompletedTask;
    }

    public Task<JobInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<JobInfo> jobs = [.. _jobs.Values.OrderByDescending(j => j.CreatedUtc).Take(query.Limit)];
            return Task.FromResult(jobs);
        }
    }

    public Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<JobLogLine> log = _logs.TryGetValue(jobId, out var lines) ? [.. lines] : [];
            return Task.FromResult(log);
        }
    }

    public Task<IReadOnlyList<JobInfo>> AbortUnfinishedAsync(string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var unfinished = _jobs.Values.Where(j => j.State is JobState.Queued or JobState.Running).ToList();
            foreach (var job in unfinished)
            {
                _jobs[job.Id] = job with { State = JobState.Aborted, EndedUtc = now, Error = reason };
                _logs[job.Id].Add(new JobLogLine(now, $"Aborted: {reason}"));
            }

            IReadOnlyList<JobInfo> aborted = [.. unfinished.Select(j => _jobs[j.Id])];
            return Task.FromResult(aborted);
        }
    }
}
