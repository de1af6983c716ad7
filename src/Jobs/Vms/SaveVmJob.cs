using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>Saves a Running or Paused VM's memory and device state and stops it (kind "save").</summary>
public sealed class SaveVmJob(IVmManager vms, Guid vmId) : VmOperationJob(vms, vmId)
{
    public const string JobKind = "save";

    public override string Kind => JobKind;

    public override string Description => $"Save VM '{VmName}'";

    public override JobWording Wording { get; } = new("Saving", "being saved", "save");

    protected override VmOperation Operation => VmOperation.Save;

    protected override Task RunAsync(Guid vmId, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
        Vms.SaveAsync(vmId, progress, cancellationToken);
}
