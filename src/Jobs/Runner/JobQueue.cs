using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// The runner's book of jobs in memory, under one lock: every job not yet ended by id, the FIFO
/// queue, how many of each kind run (against <see cref="JobOptions"/> limits) and which job holds
/// which VM. A VM is held from <see cref="Accept"/> until <see cref="Remove"/>.
/// </summary>
internal sealed class JobQueue(IOptions<JobOptions> options)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, JobEntry> _entries = [];
    private readonly LinkedList<JobEntry> _waiting = new();
    private readonly Dictionary<string, int> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, JobEntry> _vmHolders = [];
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _closed;

    /// <summary>Waits until a job was queued or a slot freed since the last call.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancellationToken) =>
        await _changed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Takes the job's VM lock and lists it (not yet queued). Throws <see cref="JobStateException"/>
    /// when another job holds the VM, or when the runner is stopping.
    /// </summary>
    public void Accept(JobEntry entry)
    {
        lock (_sync)
        {
            if (_closed)
            {
                throw new JobStateException("The server is stopping and accepts no new jobs; try again once it is back.");
            }

            if (entry.Job.VmId is { } vmId)
            {
                if (_vmHolders.TryGetValue(vmId, out var holder))
                {
                    throw new JobStateException(JobSentences.VmLocked(holder));
                }

                _vmHolders[vmId] = entry;
                entry.HeldVmId = vmId;
            }

            _entries[entry.Id] = entry;
            entry.Place = JobPlace.Accepted;
        }
    }

    /// <summary>Puts an accepted job at the end of the queue; false when the runner has stopped meanwhile.</summary>
    public bool Enqueue(JobEntry entry)
    {
        lock (_sync)
        {
            if (_closed || entry.Place != JobPlace.Accepted)
            {
                return false;
            }

            _waiting.AddLast(entry);
            entry.Place = JobPlace.Queued;
        }

        _changed.Writer.TryWrite(true);
        return true;
    }

    /// <summary>
    /// Takes, in queue order, every waiting job whose kind has a free slot, and counts them as
    /// running. A kind at its limit does not hold up other kinds.
    /// </summary>
    public IReadOnlyList<JobEntry> TakeStartable()
    {
        var started = new List<JobEntry>();
        lock (_sync)
        {
            if (_closed)
            {
                return started;
            }

            for (var node = _waiting.First; node is not null;)
            {
                var next = node.Next;
                var kind = node.Value.Job.Kind;
                var running = _running.GetValueOrDefault(kind);
                if (running < options.Value.LimitOf(kind))
                {
                    _running[kind] = running + 1;
                    _waiting.Remove(node);
                    node.Value.Place = JobPlace.Running;
                    started.Add(node.Value);
                }

                node = next;
            }
        }

        return started;
    }

    /// <summary>Removes a job that is still waiting; false if it has started (or gone) meanwhile.</summary>
    public bool TryRemoveWaiting(JobEntry entry)
    {
        lock (_sync)
        {
            if (entry.Place != JobPlace.Queued)
            {
                return false;
            }

            _waiting.Remove(entry);
            ForgetLocked(entry);
            return true;
        }
    }

    /// <summary>Forgets a job: frees its slot (if it ran) and its VM.</summary>
    /// <summary>
    /// Frees the job's VM as soon as its work has ended, before its outcome is written and published:
    /// a client that sees the outcome may start the VM's next job at once.
    /// </summary>
    public void ReleaseVm(JobEntry entry)
    {
        lock (_sync)
        {
            if (entry.HeldVmId is { } vmId && _vmHolders.GetValueOrDefault(vmId) == entry)
            {
                _vmHolders.Remove(vmId);
            }
        }
    }

    public void Remove(JobEntry entry)
    {
        lock (_sync)
        {
            if (entry.Place == JobPlace.Queued)
            {
                _waiting.Remove(entry);
            }
            else if (entry.Place == JobPlace.Running)
            {
                var kind = entry.Job.Kind;
                _running[kind] = _running[kind] - 1;
            }

            ForgetLocked(entry);
        }

        _changed.Writer.TryWrite(true);
    }

    public JobEntry? Find(Guid id)
    {
        lock (_sync)
        {
            return _entries.GetValueOrDefault(id);
        }
    }

    public JobEntry? HolderOf(Guid vmId)
    {
        lock (_sync)
        {
            return _vmHolders.GetValueOrDefault(vmId);
        }
    }

    /// <summary>Every job not yet ended: accepted, queued or running.</summary>
    public IReadOnlyList<JobEntry> All()
    {
        lock (_sync)
        {
            return [.. _entries.Values];
        }
    }

    public IReadOnlyList<JobEntry> Running()
    {
        lock (_sync)
        {
            return [.. _entries.Values.Where(e => e.Place == JobPlace.Running)];
        }
    }

    /// <summary>
    /// Stops accepting and starting jobs (graceful stop); returns the jobs still waiting, which
    /// are taken out of the queue.
    /// </summary>
    public IReadOnlyList<JobEntry> Close()
    {
        lock (_sync)
        {
            _closed = true;
            var waiting = _waiting.ToList();
            foreach (var entry in waiting)
            {
                _waiting.Remove(entry);
                ForgetLocked(entry);
            }

            return waiting;
        }
    }

    private void ForgetLocked(JobEntry entry)
    {
        _entries.Remove(entry.Id);
        if (entry.HeldVmId is { } vmId && _vmHolders.GetValueOrDefault(vmId) == entry)
        {
            _vmHolders.Remove(vmId);
        }

        entry.Place = JobPlace.Gone;
    }
}
