using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Jobs.Storage;

/// <summary>
/// Makes storage jobs: <c>await jobs.EnqueueAsync(storageJobs.Export(vmId, request), user)</c>. The
/// services are resolved when a job is made (export / import and move are registered by AddHvEngine).
/// A cancelled export or import removes what it wrote; a cancelled move leaves the VM on its old files.
/// </summary>
public sealed class StorageJobs(IVmManager vms, IServiceProvider services)
{
    public const string ExportKind = "export-vm";
    public const string ImportKind = "import-vm";
    public const string MoveKind = "move-storage";

    private IExportService exports => services.GetRequiredService<IExportService>();

    private IImportService imports => services.GetRequiredService<IImportService>();

    private IStorageMoveService moves => services.GetRequiredService<IStorageMoveService>();

    public EngineOperationJob Export(Guid vmId, ExportRequest request)
    {
        var vm = vms.Get(vmId);
        return new EngineOperationJob(ExportKind, $"Export VM '{vm.Name}' to '{request.DestinationFolder}'", new JobWording("Exporting", "being exported", "export"), vm.Id, vm.Name,
            (p, ct) => exports.ExportAsync(vmId, request, p, ct), ct => exports.ValidateExportAsync(vmId, request, ct));
    }

    /// <summary>No VM ID: the VM does not exist on this host until the job succeeds.</summary>
    public EngineOperationJob Import(ImportRequest request, string vmName) =>
        new EngineOperationJob(ImportKind, $"Import VM '{vmName}' ({request.Type}) from '{request.ConfigFile}'", new JobWording("Importing", "being imported", "import"), null, vmName,
            (p, ct) => imports.ImportAsync(request, p, ct),
            async ct =>
            {
                var report = await imports.CompareAsync(request, ct).ConfigureAwait(false);
                if (!report.CanImport)
                {
                    throw new Engine.Errors.VmStateException(
                        string.Join(" ", report.FixUps.Where(f => !f.Resolved).Select(f => f.Message)));
                }
            });

    public EngineOperationJob Move(Guid vmId, MoveStorageRequest request)
    {
        var vm = vms.Get(vmId);
        return new EngineOperationJob(MoveKind, $"Move the storage of VM '{vm.Name}'", new JobWording("Moving storage", "having its storage moved", "storage move"), vm.Id, vm.Name,
            (p, ct) => moves.MoveAsync(vmId, request, p, ct), ct => moves.ValidateMoveAsync(vmId, request, ct));
    }
}
