using System.Diagnostics.CodeAnalysis;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// A job the runner holds in memory from the moment it is accepted until it ends: its current
/// <see cref="JobInfo"/>, the log lines not yet written, and what has changed since the last
/// write to the store and the last publication to subscribers. It is the job's
/// <see cref="IProgress{T}"/>: reports only update memory; the runner writes them out coalesced.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A CancellationTokenSource without a timer or links holds nothing to release; disposing it while a job aborted by a graceful stop may still use its token would only add a race.")]
internal sealed class JobEntry : IProgress<JobProgress>
{
    private readonly Lock _sync = new();
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _cancel = new();
    private List<JobLogLine> _pendingLines = [];
    private JobInfo _info;
    private bool _storeDirty;
    private bool _publishDirty;

    public JobEntry(IJob job, JobInfo info, TimeProvider time)
    {
        Job = job;
        _info = info;
        _time = time;
    }

    public IJob Job { get; }

    public Guid Id => _info.Id;

    /// <summary>Where the runner has it (guarded by <see cref="JobQueue"/>'s lock, not this entry's).</summary>
    public JobPlace Place { get; set; } = JobPlace.Accepted;

    /// <summary>The VM whose lock this job holds (its VM when accepted), guarded like <see cref="Place"/>.</summary>
    public Guid? HeldVmId { get; set; }

    public CancellationToken CancellationToken => _cancel.Token;

    public string? CancelRequestedBy { get; private set; }

    public JobInfo Info
    {
        get { lock (_sync) { return _info; } }
    }

    public bool IsEnded
    {
        get { lock (_sync) { return IsTerminal(_info.State); } }
    }

    public void Report(JobProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            if (IsTerminal(_info.State))
            {
                return;
            }

            var updated = _info with
            {
                Percent = Math.Clamp(value.Percent, 0, 100),
                Step = value.Step ?? _info.Step,
                VmId = Job.VmId ?? _info.VmId,
                VmName = Job.VmName ?? _info.VmName,
            };
            if (updated != _info)
            {
                _info = updated;
                _storeDirty = true;
                _publishDirty = true;
            }

            if (value.LogLine is { } line)
            {
                _pendingLines.Add(new JobLogLine(now, line));
            }
        }
    }

    /// <summary>Adds a line to the job's log (the runner's own lines: started, cancel requested).</summary>
    public void Log(string text)
    {
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            _pendingLines.Add(new JobLogLine(now, text));
        }
    }

    /// <summary>
    /// Applies a state change unless the job has already ended (then returns false and changes
    /// nothing: the first terminal state wins). <paramref name="line"/> goes to the log.
    /// </summary>
    public bool TryChange(Func<JobInfo, JobInfo> change, string line)
    {
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            if (IsTerminal(_info.State))
            {
                return false;
            }

            _info = change(_info) with
            {
                VmId = Job.VmId ?? _info.VmId,
                VmName = Job.VmName ?? _info.VmName,
            };
            _pendingLines.Add(new JobLogLine(now, line));
            _storeDirty = true;
            _publishDirty = true;
            return true;
        }
    }

    /// <summary>Records who asked and signals the job's token; false if a cancel was already asked.</summary>
    public async Task<bool> RequestCancelAsync(string requestedBy)
    {
        lock (_sync)
        {
            if (CancelRequestedBy is not null)
            {
                return false;
            }

            CancelRequestedBy = requestedBy;
        }

        Log($"Cancellation requested by {requestedBy}.");
        await _cancel.CancelAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>What to write to the store, if anything changed; clears the changes.</summary>
    public JobWrite? TakeWrite()
    {
        lock (_sync)
        {
            if (!_storeDirty && _pendingLines.Count == 0)
            {
                return null;
            }

            var write = new JobWrite(_info, _pendingLines);
            _pendingLines = [];
            _storeDirty = false;
            return write;
        }
    }

    /// <summary>A write that failed: its lines go back in front, and the state is written next time.</summary>
    public void Unwrite(JobWrite write)
    {
        lock (_sync)
        {
            _pendingLines.InsertRange(0, write.NewLines);
            _storeDirty = true;
        }
    }

    /// <summary>The job as it is now if it changed since the last publication; clears the mark.</summary>
    public JobInfo? TakePublish()
    {
        lock (_sync)
        {
            if (!_publishDirty)
            {
                return null;
            }

            _publishDirty = false;
            return _info;
        }
    }

    public static bool IsTerminal(JobState state) => state switch
    {
        JobState.Queued or JobState.Running => false,
        JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Aborted => true,
    };
}
