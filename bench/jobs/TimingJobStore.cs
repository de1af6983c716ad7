using System.Collections.Concurrent;
using System.Diagnostics;
using HvWeb.Jobs;
using Microsoft.Data.Sqlite;

namespace HvWeb.JobsBench;

/// <summary>Wraps the real store: times each write (one transaction each) and counts SQLITE_BUSY / SQLITE_LOCKED.</summary>
internal sealed class TimingJobStore(IJobStore inner) : IJobStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private int _busy;
    private long _rowsWritten;

    public ConcurrentQueue<double> WriteMilliseconds { get; } = new();

    /// <summary>Writes of more than one job: the runner's coalesced progress flushes.</summary>
    public ConcurrentQueue<(int Rows, double Milliseconds)> Flushes { get; } = new();

    public ConcurrentQueue<double> AddMilliseconds { get; } = new();

    public int Busy => Volatile.Read(ref _busy);

    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public Task AddAsync(JobInfo job, CancellationToken cancellationToken = default) =>
        TimeAsync(AddMilliseconds, () => inner.AddAsync(job, cancellationToken));

    public Task UpdateAsync(JobInfo job, CancellationToken cancellationToken = default) =>
        TimeAsync(WriteMilliseconds, () => inner.UpdateAsync(job, cancellationToken));

    public Task AppendLogAsync(Guid jobId, IReadOnlyList<JobLogLine> lines, CancellationToken cancellationToken = default) =>
        TimeAsync(WriteMilliseconds, () => inner.AppendLogAsync(jobId, lines, cancellationToken));

    public async Task WriteAsync(IReadOnlyList<JobWrite> writes, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _rowsWritten, writes.Count);
        var clock = Stopwatch.StartNew();
        await TimeAsync(WriteMilliseconds, () => inner.WriteAsync(writes, cancellationToken)).ConfigureAwait(false);
        if (writes.Count > 1)
        {
            Flushes.Enqueue((writes.Count, clock.Elapsed.TotalMilliseconds));
        }
    }

    public Task<JobInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        CountBusyAsync(() => inner.GetAsync(id, cancellationToken));

    public Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        CountBusyAsync(() => inner.QueryAsync(query, cancellationToken));

    public Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        CountBusyAsync(() => inner.GetLogAsync(jobId, cancellationToken));

    public Task<IReadOnlyList<JobInfo>> AbortUnfinishedAsync(string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.AbortUnfinishedAsync(reason, now, cancellationToken);

    private async Task TimeAsync(ConcurrentQueue<double> times, Func<Task> write)
    {
        var clock = Stopwatch.StartNew();
        await CountBusyAsync(async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        times.Enqueue(clock.Elapsed.TotalMilliseconds);
    }

    private async Task<T> CountBusyAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (IsBusy(e))
        {
            Interlocked.Increment(ref _busy);
            throw;
        }
    }

    private static bool IsBusy(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }
}
