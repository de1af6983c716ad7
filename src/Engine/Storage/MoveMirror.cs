using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The live part of a storage move: QMP <c>drive-mirror</c> of each file QEMU writes (the top layer
/// of each disk, the UEFI variable store) onto a new file, polled with <c>query-jobs</c> until every
/// job is ready, then <c>job-complete</c> one by one (QEMU pivots the device onto the new file, and
/// for <c>mode=existing</c> opens the new file's backing chain from its header — the copied frozen
/// files). <c>job-cancel</c> before completion leaves QEMU on the old files.
/// </summary>
internal sealed class MoveMirror(QmpClient qmp, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ConcludeTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> _running = [];
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<string> Jobs => _running;

    /// <summary>The root node whose image is <paramref name="file"/> (what a device reads), from <c>query-block</c>.</summary>
    public async Task<string> NodeOfAsync(string file, CancellationToken cancellationToken)
    {
        var blocks = await qmp.ExecuteAsync("query-block", null, cancellationToken).ConfigureAwait(false);
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.TryGetProperty("inserted", out var inserted) && inserted.TryGetProperty("file", out var f) && f.GetString() == file
                && inserted.TryGetProperty("node-name", out var node))
            {
                return node.GetString()!;
            }
        }

        throw new VmOperationException($"QEMU does not have '{file}' open as a drive; the VM's disks changed since the move was planned.");
    }

    /// <summary>Starts mirroring <paramref name="node"/> onto the existing file <paramref name="target"/>; sync=top copies only the top layer.</summary>
    public async Task<string> StartAsync(string node, string target, string format, bool topOnly, CancellationToken cancellationToken)
    {
        var index = _running.Count;
        var jobId = $"move-{_prefix}-{index}";
        await qmp.ExecuteAsync("drive-mirror", new Dictionary<string, object>
        {
            ["job-id"] = jobId,
            ["device"] = node,
            ["target"] = target,
            ["format"] = format,
            ["node-name"] = $"mv-{_prefix}-{index}",
            ["sync"] = topOnly ? "top" : "full",
            ["mode"] = "existing",
            ["auto-dismiss"] = false,
        }, cancellationToken).ConfigureAwait(false);
        _running.Add(jobId);
        return jobId;
    }

    /// <summary>Waits until every job is ready (source and target in step), reporting the share copied (0–1).</summary>
    public async Task WaitReadyAsync(Action<double> share, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
            long current = 0, total = 0;
            var ready = 0;
            foreach (var id in _running)
            {
                var job = Find(jobs, id);
                var status = job.GetProperty("status").GetString();
                if (status is "concluded" or "aborting" or "null")
                {
                    var error = job.TryGetProperty("error", out var e) ? e.GetString() : "the job ended before it was ready";
                    throw new VmOperationException($"QEMU could not copy a disk of the VM ({error}).");
                }

                current += job.GetProperty("current-progress").GetInt64();
                total += job.GetProperty("total-progress").GetInt64();
                ready += status == "ready" ? 1 : 0;
            }

            share(total > 0 ? Math.Min(1.0, current / (double)total) : 0);
            if (ready == _running.Count)
            {
                return;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pivots the device of job <paramref name="jobId"/> onto its new file (the guest pauses for the last writes only).</summary>
    public async Task CompleteAsync(string jobId)
    {
        await qmp.ExecuteAsync("job-complete", new { id = jobId }, CancellationToken.None).ConfigureAwait(false);
        var job = await WaitConcludedAsync(jobId).ConfigureAwait(false);
        _running.Remove(jobId);
        await qmp.ExecuteAsync("job-dismiss", new { id = jobId }, CancellationToken.None).ConfigureAwait(false);
        if (job.TryGetProperty("error", out var error))
        {
            throw new VmOperationException($"QEMU could not switch to the moved disk ({error.GetString()}).");
        }
    }

    /// <summary>Cancels every job not completed yet: QEMU stays on the old files. Never throws for a job that is already gone.</summary>
    public async Task CancelAllAsync()
    {
        foreach (var id in _running.ToList())
        {
            try
            {
                await qmp.ExecuteAsync("job-cancel", new { id }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (QmpException)
            {
                // Already concluded (it failed on its own): dismissed below.
            }

            try
            {
                await WaitConcludedAsync(id).ConfigureAwait(false);
                await qmp.ExecuteAsync("job-dismiss", new { id }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (VmOperationException)
            {
                // The job is gone already.
            }

            _running.Remove(id);
        }
    }

    private async Task<JsonElement> WaitConcludedAsync(string jobId)
    {
        var deadline = time.GetUtcNow() + ConcludeTimeout;
        while (true)
        {
            var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
            var job = Find(jobs, jobId);
            if (job.GetProperty("status").GetString() == "concluded")
            {
                return job.Clone();
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new VmOperationException($"QEMU's job {jobId} did not end within {ConcludeTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static JsonElement Find(JsonElement jobs, string id)
    {
        foreach (var job in jobs.EnumerateArray())
        {
            if (job.GetProperty("id").GetString() == id)
            {
                return job;
            }
        }

        throw new VmOperationException($"QEMU's copy job {id} disappeared.");
    }
}
