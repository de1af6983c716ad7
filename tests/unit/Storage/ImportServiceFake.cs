using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>
/// The import service at the wizard's seam: Locate and Compare answer what the test says and record
/// each request; ImportAsync is never called by the wizard (it starts a job). Never a stand-in for
/// the real service outside UI tests (tests/e2e/Storage/ImportTests.cs runs the real one).
/// </summary>
public sealed class ImportServiceFake : IImportService
{
    public Func<string, IReadOnlyList<ImportCandidate>> OnLocate { get; set; } = _ => [];

    public Func<ImportRequest, IReadOnlyList<ImportFixUp>> OnCompare { get; set; } = _ => [];

    public List<ImportRequest> Compared { get; } = [];

    public IReadOnlyList<ImportCandidate> Locate(string folder) => OnLocate(folder);

    public Task<ImportReport> CompareAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        Compared.Add(request);
        var candidate = OnLocate("").FirstOrDefault(c => c.ConfigFile == request.ConfigFile)
            ?? throw VmValidationException.For("configFile", $"The configuration file '{request.ConfigFile}' does not exist.");
        var fixUps = OnCompare(request);
        return Task.FromResult(new ImportReport(candidate, request.Type == ImportType.Copy ? Guid.NewGuid() : candidate.Id, fixUps, fixUps.All(f => f.Resolved), 64L << 20));
    }

    public Task<VmSnapshot> ImportAsync(ImportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The wizard starts a job; it never imports by itself.");
}
