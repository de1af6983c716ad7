using System.Threading.Channels;
using HvWeb.Jobs;

namespace HvWeb.Tests.Unit.Web.Fakes;

/// <summary>
/// The job runner seen by UI-only tests: jobs in memory, a change stream the test pushes into, and
/// a record of what was enqueued and cancelled; jobs validate themselves as with the real runner,
/// but never run. Never a stand-in for the real runner in e2e tests.
/// </summary>
public sealed class FakeJobService : IJobService, IVmJobLock
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, JobInfo> _jobs = [];
    private readonly Dictionary<Guid, List<JobLogLine>> _logs = [];
    private readonly List<JobSubscription> _subscriptions = [];

    public static readonly DateTimeOffset Origin = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public List<(IJob Job, string StartedBy)> Enqueued { get; } = [];
    public List<(Guid Id, string RequestedBy)> CancelRequests { get; } = [];
    public List<JobQuery> Queries { get; } = [];

    /// <summary>Thrown by <see cref="EnqueueAsync"/> when set.</summary>
    public Exception? FailEnqueueWith { get; set; }

    /// <summary>VMs that <see cref="ThrowIfLocked"/> refuses, as if a job held them.</summary>
    public HashSet<Guid> LockedVms { get; } = [];

    public int ActiveSubscriptions { get { lock (_lock) { return _subscriptions.Count; } } }

    public FakeJobService With(params JobInfo[] jobs)
    {
        lock (_lock)
        {
            foreach (var job in jobs)
            {
                _jobs[job.Id] = job;
            }
        }

        return this;
    }

    public FakeJobService WithLog(Guid id, params string[] lines)
    {
        lock (_lock)
        {
            _logs[id] = [.. lines.Select((text, i) => new JobLogLine(Origin.AddSeconds(i), text))];
        }

        return this;
    }

    /// <summary>Stores the job's new state and publishes it to every subscriber.</summary>
    public void Push(JobInfo job)
    {
        lock (_lock)
        {
            _jobs[job.Id] = job;
            foreach (var subscription in _subscriptions)
            {
                subscription.TryPublish(job);
            }
        }
    }

    public async Task<JobInfo> EnqueueAsync(IJob job, string startedBy, CancellationToken cancellationToken = default)
    {
        if (FailEnqueueWith is { } failure)
        {
            throw failure;
        }

        await job.ValidateAsync(cancellationToken);
        var info = new JobInfo
        {
            Id = Guid.NewGuid(),
            Kind = job.Kind,
            Description = job.Description,
            VmId = job.VmId,
            VmName = job.VmName,
            StartedBy = startedBy,
            State = JobState.Queued,
            CreatedUtc = Origin,
            CanCancel = job.CanCancel,
        };
        lock (_lock)
        {
            Enqueued.Add((job, startedBy));
        }

        Push(info);
        return info;
    }

    public Task<JobInfo> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue(id, out var job) ? Task.FromResult(job) : throw new JobNotFoundException(id);
        }
    }

    public Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Queries.Add(query);
            IReadOnlyList<JobInfo> found = [.. _jobs.Values
                .Where(j => query.VmId is null || j.VmId == query.VmId)
                .Where(j => query.Kind is null || j.Kind == query.Kind)
                .Where(j => query.State is null || j.State == query.State)
                .Where(j => query.StartedBy is null || j.StartedBy == query.StartedBy)
                .OrderByDescending(j => j.CreatedUtc)
                .Take(query.Limit)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_jobs.ContainsKey(id))
            {
                throw new JobNotFoundException(id);
            }

            return Task.FromResult<IReadOnlyList<JobLogLine>>(_logs.TryGetValue(id, out var log) ? [.. log] : []);
        }
    }

    public Task<JobInfo> CancelAsync(Guid id, string requestedBy, CancellationToken cancellationToken = default)
    {
        JobInfo job;
        lock (_lock)
        {
            job = _jobs.TryGetValue(id, out var found) ? found : throw new JobNotFoundException(id);
            if (!job.CanCancel || job.State is not (JobState.Queued or JobState.Running))
            {
                throw new JobStateException($"'{job.Description}' is {job.State}; it cannot be cancelled.");
            }

            CancelRequests.Add((id, requestedBy));
        }

        return Task.FromResult(job);
    }

    public JobInfo? Holder(Guid vmId) => null;

    public void ThrowIfLocked(Guid vmId)
    {
        if (LockedVms.Contains(vmId))
        {
            throw new JobStateException($"The VM is held by a job; wait or cancel it.");
        }
    }

    public JobSubscription Subscribe()
    {
        lock (_lock)
        {
            var initial = _jobs.Values.OrderByDescending(j => j.CreatedUtc).ToList();
            var subscription = new JobSubscription(initial, Channel.CreateUnbounded<JobInfo>(), s => { lock (_lock) { _subscriptions.Remove(s); } });
            _subscriptions.Add(subscription);
            return subscription;
        }
    }
}
