namespace HvWeb.Jobs;

/// <summary>
/// The per-VM operation lock that jobs hold: from the moment a VM job is queued until it ends,
/// other operations on that VM are refused with a sentence saying what is under way.
/// </summary>
public interface IVmJobLock
{
    /// <summary>The Queued or Running job holding the VM, or null when it is free.</summary>
    JobInfo? Holder(Guid vmId);

    /// <summary>
    /// Throws <see cref="JobStateException"/> (409) when a job holds the VM, e.g. "'web01' is
    /// being saved (45 %); wait or cancel the save." For operations that do not run as jobs.
    /// </summary>
    void ThrowIfLocked(Guid vmId);
}
