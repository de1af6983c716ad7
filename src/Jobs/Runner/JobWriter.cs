using Microsoft.Extensions.Logging;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// Every write of a job's state and log goes through here, one at a time. A write takes the
/// job's changes only once it holds the turn, so a coalesced progress write can never land after
/// (and overwrite) the state change that ended the job. One writer at a time also means the
/// runner never competes with itself for SQLite's single write lock.
/// </summary>
internal sealed class JobWriter(IJobStore store, ILogger<JobWriter> logger) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Writes whatever changed in these jobs, in one transaction; returns how many jobs it wrote.</summary>
    public async Task<int> WriteChangesAsync(IEnumerable<JobEntry> entries, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writes = new List<(JobEntry Entry, JobWrite Write)>();
            foreach (var entry in entries)
            {
                if (entry.TakeWrite() is { } write)
                {
                    writes.Add((entry, write));
                }
            }

            if (writes.Count == 0)
            {
                return 0;
            }

            try
            {
                await store.WriteAsync(writes.ConvertAll(w => w.Write), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var (entry, write) in writes)
                {
                    entry.Unwrite(write);
                }

                if (e is OperationCanceledException)
                {
                    throw;
                }

                logger.LogError(e, "Could not write the progress of {Count} jobs; trying again later.", writes.Count);
                return 0;
            }

            return writes.Count;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Writes one job's changes now (a state change).</summary>
    public Task<int> WriteNowAsync(JobEntry entry, CancellationToken cancellationToken = default) =>
        WriteChangesAsync([entry], cancellationToken);

    public void Dispose() => _turn.Dispose();
}
