using HvWeb.Jobs;
using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence.Jobs;

/// <summary>Jobs and their logs in the host's database. Thread-safe: each call uses its own context.</summary>
internal sealed class SqliteJobStore(IDbContextFactory<HvWebDbContext> contextFactory) : IJobStore
{
    /// <summary>The most jobs one query returns, whatever <see cref="JobQuery.Limit"/> asks.</summary>
    public const int MaxLimit = 1000;

    public async Task AddAsync(JobInfo job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            context.Set<JobRecord>().Add(JobRecordMapping.ToRecord(job));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task UpdateAsync(JobInfo job, CancellationToken cancellationToken = default) =>
        WriteAsync([new JobWrite(job, [])], cancellationToken);

    public async Task AppendLogAsync(Guid jobId, IReadOnlyList<JobLogLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            if (!await context.Set<JobRecord>().AnyAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false))
            {
                throw new JobNotFoundException(jobId);
            }

            context.Set<JobLogRecord>().AddRange(lines.Select(line => JobRecordMapping.ToRecord(jobId, line)));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One SaveChanges (one transaction): an UPDATE per job of the columns that change, without
    /// reading the rows first, and the new log lines. EF Core batches the statements, which costs
    /// far less than a LINQ ExecuteUpdate per job when the runner flushes 200 jobs at once.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<JobWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            foreach (var write in writes)
            {
                var entry = context.Attach(JobRecordMapping.ToRecord(write.Job));
                foreach (var property in JobRecordMapping.ChangingProperties)
                {
                    entry.Property(property).IsModified = true;
                }

                context.Set<JobLogRecord>().AddRange(write.NewLines.Select(line => JobRecordMapping.ToRecord(write.Job.Id, line)));
            }

            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                await ThrowIfAnyMissingAsync(writes, cancellationToken).ConfigureAwait(false);
                throw;
            }
        }
    }

    public async Task<JobInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var record = await context.Set<JobRecord>().AsNoTracking()
                .SingleOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
            return record is null ? null : JobRecordMapping.ToInfo(record);
        }
    }

    /// <summary>
    /// Jobs matching every filter that is set, newest first; <see cref="JobQuery.Limit"/> is capped
    /// at <see cref="MaxLimit"/> and 0 or less returns nothing.
    /// </summary>
    public async Task<IReadOnlyList<JobInfo>> QueryAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var records = await Filter(context.Set<JobRecord>().AsNoTracking(), query)
                .OrderByDescending(j => j.CreatedUtc)
                .ThenByDescending(j => j.Id)
                .Take(Math.Clamp(query.Limit, 0, MaxLimit))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return records.ConvertAll(JobRecordMapping.ToInfo);
        }
    }

    /// <summary>The job's log in the order written; empty for an unknown job.</summary>
    public async Task<IReadOnlyList<JobLogLine>> GetLogAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var records = await context.Set<JobLogRecord>().AsNoTracking()
                .Where(l => l.JobId == jobId)
                .OrderBy(l => l.Id)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            return records.ConvertAll(JobRecordMapping.ToLine);
        }
    }

    public async Task<IReadOnlyList<JobInfo>> AbortUnfinishedAsync(string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var unfinished = await context.Set<JobRecord>()
                .Where(j => j.State == JobState.Queued || j.State == JobState.Running)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            foreach (var record in unfinished)
            {
                record.State = JobState.Aborted;
                record.EndedUtc = now;
                record.Error = reason;
                context.Set<JobLogRecord>().Add(JobRecordMapping.ToRecord(record.Id, new JobLogLine(now, $"Aborted: {reason}")));
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return unfinished.ConvertAll(JobRecordMapping.ToInfo);
        }
    }

    /// <summary>An update that found no row, or a log line whose job does not exist, means a job was never added.</summary>
    private async Task ThrowIfAnyMissingAsync(IReadOnlyList<JobWrite> writes, CancellationToken cancellationToken)
    {
        var ids = writes.Select(w => w.Job.Id).Distinct().ToList();
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var found = await context.Set<JobRecord>().Where(j => ids.Contains(j.Id)).Select(j => j.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Except(found).FirstOrDefault() is var missing && missing != Guid.Empty)
            {
                throw new JobNotFoundException(missing);
            }
        }
    }

    private static IQueryable<JobRecord> Filter(IQueryable<JobRecord> jobs, JobQuery query)
    {
        if (query.VmId is { } vmId)
        {
            jobs = jobs.Where(j => j.VmId == vmId);
        }

        if (!string.IsNullOrEmpty(query.Kind))
        {
            jobs = jobs.Where(j => j.Kind == query.Kind);
        }

        if (query.State is { } state)
        {
            jobs = jobs.Where(j => j.State == state);
        }

        if (!string.IsNullOrEmpty(query.StartedBy))
        {
            jobs = jobs.Where(j => j.StartedBy == query.StartedBy);
        }

        return jobs;
    }
}
