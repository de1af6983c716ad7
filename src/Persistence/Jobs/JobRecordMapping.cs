using HvWeb.Jobs;

namespace HvWeb.Persistence.Jobs;

internal static class JobRecordMapping
{
    public static JobRecord ToRecord(JobInfo job) => new()
    {
        Id = job.Id,
        Kind = job.Kind,
        Description = job.Description,
        VmId = job.VmId,
        VmName = job.VmName,
        StartedBy = job.StartedBy,
        State = job.State,
        Percent = job.Percent,
        Step = job.Step,
        CreatedUtc = job.CreatedUtc,
        StartedUtc = job.StartedUtc,
        EndedUtc = job.EndedUtc,
        Error = job.Error,
        CanCancel = job.CanCancel,
    };

    /// <summary>What changes during a job's life (not its id, kind, description, creator or creation time).</summary>
    public static readonly string[] ChangingProperties =
    [
        nameof(JobRecord.VmId),
        nameof(JobRecord.VmName),
        nameof(JobRecord.State),
        nameof(JobRecord.Percent),
        nameof(JobRecord.Step),
        nameof(JobRecord.StartedUtc),
        nameof(JobRecord.EndedUtc),
        nameof(JobRecord.Error),
        nameof(JobRecord.CanCancel),
    ];

    public static JobInfo ToInfo(JobRecord record) => new()
    {
        Id = record.Id,
        Kind = record.Kind,
        Description = record.Description,
        VmId = record.VmId,
        VmName = record.VmName,
        StartedBy = record.StartedBy,
        State = record.State,
        Percent = record.Percent,
        Step = record.Step,
        CreatedUtc = record.CreatedUtc,
        StartedUtc = record.StartedUtc,
        EndedUtc = record.EndedUtc,
        Error = record.Error,
        CanCancel = record.CanCancel,
    };

    public static JobLogRecord ToRecord(Guid jobId, JobLogLine line) => new()
    {
        JobId = jobId,
        TimeUtc = line.TimeUtc,
        Text = line.Text,
    };

    public static JobLogLine ToLine(JobLogRecord record) => new(record.TimeUtc, record.Text);
}
