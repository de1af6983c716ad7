using HvWeb.Jobs;
using HvWeb.Jobs.Checkpoints;

namespace HvWeb.Web.Components.Checkpoints;

/// <summary>The Checkpoint button (Actions pane, console toolbar): takes a checkpoint as a job, named as Hyper-V names it.</summary>
public static class CheckpointCommands
{
    public static async Task<JobInfo> TakeAsync(CheckpointJobs factory, IJobService jobs, Guid vmId, string user)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(jobs);
        return await jobs.EnqueueAsync(factory.Take(vmId, null), user).ConfigureAwait(false);
    }
}
