using HvWeb.Engine.Errors;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The export service at the UI's seam: rules given by the test, calls recorded; never runs an export.</summary>
public sealed class FakeExportService : IExportService
{
    public Func<ExportRequest, IReadOnlyDictionary<string, string[]>> Rules { get; set; } = _ => new Dictionary<string, string[]>();

    /// <summary>Thrown by <see cref="ValidateExportAsync"/> (the job's check when it is enqueued) when set.</summary>
    public Exception? RefuseWith { get; set; }

    public List<ExportRequest> Checked { get; } = [];

    public IReadOnlyDictionary<string, string[]> CheckExport(Guid vmId, ExportRequest request)
    {
        Checked.Add(request);
        return Rules(request);
    }

    public Task ValidateExportAsync(Guid vmId, ExportRequest request, CancellationToken cancellationToken)
    {
        var errors = Rules(request);
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors);
        }

        return RefuseWith is null ? Task.CompletedTask : Task.FromException(RefuseWith);
    }

    public Task<ExportResult> ExportAsync(Guid vmId, ExportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException("UI tests never run an export.");
}
