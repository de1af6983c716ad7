using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>
/// Creates a VM, with its new fixed or dynamic disk or a copy of an existing one (kind
/// "create-vm"). <see cref="VmId"/> is known once the VM exists; a cancelled or failed creation
/// leaves nothing behind (the engine removes what it made).
/// </summary>
public sealed class CreateVmJob(IVmManager vms, VmCreateRequest request) : IJob
{
    public const string JobKind = "create-vm";

    public string Kind => JobKind;

    public string Description => $"Create VM '{request.Name}'";

    public Guid? VmId { get; private set; }

    public string? VmName { get; private set; } = request.Name;

    public bool CanCancel => true;

    public JobWording Wording { get; } = new("Creating", "being created", "creation");

    /// <summary>The engine's own checks of the request (name, memory, processors, paths) before it is queued.</summary>
    public Task ValidateAsync(CancellationToken cancellationToken)
    {
        vms.ValidateCreate(request);
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var vm = await vms.CreateAsync(request, new VmJobProgress(progress), cancellationToken).ConfigureAwait(false);
        VmId = vm.Id;
        VmName = vm.Name;
        progress.Report(new JobProgress(100, "Created", $"VM '{vm.Name}' was created with ID {vm.Id} in '{vm.Definition.Folder}'."));
    }
}
