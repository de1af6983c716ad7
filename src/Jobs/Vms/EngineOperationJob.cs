using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>
/// An engine operation as a job: its work and its checks are delegates to an engine service
/// (checkpoints, export, import, storage move) that takes an <see cref="IProgress{T}"/> of
/// <see cref="OperationProgress"/>. Made by <see cref="Checkpoints.CheckpointJobs"/> and
/// <see cref="Storage.StorageJobs"/>; each of those says what its kinds do on cancel.
/// </summary>
public sealed class EngineOperationJob : IJob
{
    private readonly Func<IProgress<OperationProgress>, CancellationToken, Task> _run;
    private readonly Func<CancellationToken, Task> _validate;

    internal EngineOperationJob(string kind, string description, JobWording wording, Guid? vmId, string? vmName,
        Func<IProgress<OperationProgress>, CancellationToken, Task> run, Func<CancellationToken, Task> validate)
    {
        Kind = kind;
        Description = description;
        Wording = wording;
        VmId = vmId;
        VmName = vmName;
        _run = run;
        _validate = validate;
    }

    public string Kind { get; }

    public string Description { get; }

    public JobWording Wording { get; }

    public Guid? VmId { get; }

    public string? VmName { get; }

    /// <summary>Every operation made this way leaves the VM as it was (or a valid chain) when cancelled.</summary>
    public bool CanCancel => true;

    public Task ValidateAsync(CancellationToken cancellationToken) => _validate(cancellationToken);

    public Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken) =>
        _run(new VmJobProgress(progress), cancellationToken);
}
