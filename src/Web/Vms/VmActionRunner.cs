using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Jobs.Vms;

namespace HvWeb.Web.Vms;

/// <summary>
/// Runs VM actions the same way for the API and the pages. Start and Save can outlast a click, so
/// they are jobs (the runner validates them and takes the VM's lock before answering); Turn Off,
/// Shut Down, Pause, Resume and Reset are done at once, and are refused (409) while a job holds
/// the VM. Creating a VM is always a job.
/// </summary>
public sealed class VmActionRunner(IVmManager vms, IJobService jobs, IVmJobLock locks, VmJobFactory vmJobs, Engine.Networking.SwitchService? switches = null)
{
    public static bool RunsAsJob(VmAction action) => action switch
    {
        VmAction.Start or VmAction.Save => true,
        VmAction.TurnOff or VmAction.ShutDown or VmAction.Pause or VmAction.Resume or VmAction.Reset => false,
    };

    /// <summary>The job for Start and Save (Queued or Running); null for an action that is done when this returns.</summary>
    public async Task<JobInfo?> RunAsync(Guid id, VmAction action, string user)
    {
        switch (action)
        {
            case VmAction.Start:
                // A missing switch is refused at once (409 with the choices), not as a failed job.
                if (switches is not null && vms.Get(id) is { State: VmState.Off or VmState.Saved } vm)
                {
                    switches.ThrowIfCannotConnect(vm.Definition);
                }

                return await jobs.EnqueueAsync(vmJobs.Start(id), user);
            case VmAction.Save:
                return await jobs.EnqueueAsync(vmJobs.Save(id), user);
            case VmAction.TurnOff or VmAction.ShutDown or VmAction.Pause or VmAction.Resume or VmAction.Reset:
                locks.ThrowIfLocked(id);
                await VmActions.RunAsync(vms, id, action);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    /// <summary>New Virtual Machine, as a job; the VM's ID is on the job once it exists.</summary>
    public Task<JobInfo> CreateAsync(VmCreateRequest request, string user) => jobs.EnqueueAsync(vmJobs.Create(request), user);

    /// <summary>For changes that are not jobs (settings, delete): refused while a job holds the VM.</summary>
    public void ThrowIfLocked(Guid id) => locks.ThrowIfLocked(id);
}
