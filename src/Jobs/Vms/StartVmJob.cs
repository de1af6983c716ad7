using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Jobs.Vms;

/// <summary>Starts an Off VM, or a Saved one from its saved state (kind "start").</summary>
public sealed class StartVmJob(IVmManager vms, Guid vmId) : VmOperationJob(vms, vmId)
{
    public const string JobKind = "start";

    public override string Kind => JobKind;

    public override string Description => StateWhenMade == VmState.Saved
        ? $"Start VM '{VmName}' from its saved state"
        : $"Start VM '{VmName}'";

    public override JobWording Wording { get; } = new("Starting", "being started", "start");

    protected override VmOperation Operation => VmOperation.Start;

    protected override Task RunAsync(Guid vmId, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
        Vms.StartAsync(vmId, progress, cancellationToken);
}
