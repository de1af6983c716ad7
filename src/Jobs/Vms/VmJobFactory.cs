using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>
/// Makes the VM jobs for the API and the pages:
/// <c>await jobs.EnqueueAsync(vmJobs.Save(id), user)</c>. Throws
/// <see cref="Engine.Errors.VmNotFoundException"/> for an unknown VM.
/// </summary>
public sealed class VmJobFactory(IVmManager vms)
{
    public IJob Start(Guid vmId) => new StartVmJob(vms, vmId);

    public IJob Save(Guid vmId) => new SaveVmJob(vms, vmId);

    public IJob Create(VmCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CreateVmJob(vms, request);
    }
}
