namespace HvWeb.Jobs;

/// <summary>
/// An operation that can outlast a click. The runner gives it an id, runs it on the server,
/// records its progress and maps its outcome to a terminal <see cref="JobState"/>.
/// </summary>
public interface IJob
{
    /// <summary>What the job does, as a stable key ("export", "merge", "replicate").</summary>
    string Kind { get; }

    /// <summary>What a person reads in the jobs list ("Save VM 'web01'").</summary>
    string Description { get; }

    /// <summary>
    /// The VM the job works on, if any (it holds that VM's operation lock). A job that creates a
    /// VM sets it once the VM exists.
    /// </summary>
    Guid? VmId { get; }

    /// <summary>The VM's name when the job was made (for lists and filters).</summary>
    string? VmName { get; }

    /// <summary>Whether cancelling is allowed (the job honours its token and leaves things consistent).</summary>
    bool CanCancel { get; }

    /// <summary>
    /// Does the work. Throws <see cref="OperationCanceledException"/> when cancelled through
    /// <paramref name="cancellationToken"/>; any other exception fails the job with its message.
    /// </summary>
    Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Checks, before the job is recorded and queued, that it can run now (the VM exists, its
    /// state allows the operation, the input is valid), so that the caller is answered at once
    /// (404 / 409 / 400) instead of the job failing later. Throws the engine's or the job's own
    /// exception; a job that throws here is never recorded.
    /// </summary>
    Task ValidateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How the job's work is named in sentences (the per-VM lock's refusal).</summary>
    JobWording Wording => JobWording.Generic(Description);
}
