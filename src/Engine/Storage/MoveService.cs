using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Move the virtual machine's storage (see <see cref="IStorageMoveService"/>). This file: the checks
/// and the plan. <c>MoveService.Offline.cs</c> moves an Off or Saved VM's files;
/// <c>MoveService.Live.cs</c> mirrors a Running or Paused VM's disks and switches.
/// </summary>
public sealed partial class StorageMoveService : IStorageMoveService
{
    private const string Activity = "Moving storage";
    private readonly VmManager _vms;
    private readonly VmEventJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageMoveService> _logger;
    private readonly QemuImgRunner _qemuImg;

    public StorageMoveService(VmManager vms, IOptions<EngineOptions> options, VmEventJournal journal, TimeProvider time, ILogger<StorageMoveService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _vms = vms;
        _journal = journal;
        _time = time;
        _logger = logger;
        _qemuImg = new QemuImgRunner(options.Value);
    }

    public IReadOnlyDictionary<string, string[]> CheckMove(Guid vmId, MoveStorageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Check(Layout(_vms.ViewForMove(vmId).Definition, request));
    }

    public async Task<IReadOnlyList<MoveItem>> PlanMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken) =>
        (await PrepareAsync(vmId, request, cancellationToken).ConfigureAwait(false)).Items;

    public Task ValidateMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken) =>
        PrepareAsync(vmId, request, cancellationToken);

    public async Task MoveAsync(Guid vmId, MoveStorageRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var prepared = await PrepareAsync(vmId, request, cancellationToken).ConfigureAwait(false);
        if (prepared.State is VmState.Running or VmState.Paused)
        {
            await MoveLiveAsync(vmId, prepared, progress, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await MoveOfflineAsync(vmId, prepared, progress, cancellationToken).ConfigureAwait(false);
        }

        var vm = prepared.Layout.After;
        var where = string.Join(", ", prepared.Items.Select(i => $"{i.What} to '{i.To}'"));
        await _journal.InfoAsync(vm, $"The storage of VM '{vm.Name}' was moved: {where}.").ConfigureAwait(false);
    }

    private static MoveLayout Layout(VmDefinition vm, MoveStorageRequest request)
    {
        var runtime = VmPaths.RuntimeFolder(vm);
        var runtimeFiles = Directory.Exists(runtime)
            ? Directory.EnumerateFiles(runtime, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
        return MoveLayout.Build(vm, CheckpointStore.LoadAll(vm), runtimeFiles, request);
    }

    /// <summary>The request's own refusals plus what the file systems say: folders that cannot be written, files already there.</summary>
    private static Dictionary<string, string[]> Check(MoveLayout layout)
    {
        var errors = layout.Errors.ToDictionary(e => e.Key, e => e.Value.ToList());
        if (errors.Count > 0)
        {
            return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        }

        var targets = layout.Moving.Select(f => (f.Field, f.To)).ToList();
        var configFrom = VmPaths.ConfigFile(layout.Before);
        var configTo = VmPaths.ConfigFile(layout.After);
        if (configFrom != configTo)
        {
            targets.Add((layout.ConfigurationField, configTo));
        }

        foreach (var group in targets.GroupBy(t => (t.Field, Folder: Path.GetDirectoryName(t.To)!)))
        {
            var (field, folder) = group.Key;
            var existing = MoveFileSystems.ExistingAncestor(folder);
            if (existing is null || File.Exists(existing))
            {
                MoveLayout.Add(errors, field, $"'{existing ?? folder}' is a file, not a folder; choose a folder.");
            }
            else if (!MoveFileSystems.CanWrite(existing))
            {
                MoveLayout.Add(errors, field, $"The console cannot write to '{existing}' (permission denied); choose a folder it may write to.");
            }

            foreach (var (_, to) in group.Where(t => File.Exists(t.To) || Directory.Exists(t.To)))
            {
                MoveLayout.Add(errors, field, $"'{folder}' already holds this VM's files ('{Path.GetFileName(to)}' exists there); choose another folder or remove them.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private async Task<MovePreparation> PrepareAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = _vms.ViewForMove(vmId);
        var vm = view.Definition;
        if (view.State is not (VmState.Off or VmState.Saved or VmState.Running or VmState.Paused))
        {
            throw new VmStateException($"VM '{vm.Name}' is {view.State}; wait until it is Running, Paused, Saved or Off before moving its storage.", view.State);
        }

        var layout = Layout(vm, request);
        var errors = Check(layout);
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors);
        }

        var facts = new Dictionary<string, MoveDiskFacts>(StringComparer.Ordinal);
        foreach (var disk in layout.Files.Where(f => f.IsDisk))
        {
            if (!File.Exists(disk.From))
            {
                throw new VmStateException($"The disk file '{disk.From}' of VM '{vm.Name}' is missing; fix the VM's disks before moving them.");
            }

            var json = await _qemuImg.RunAsync(["info", "--output=json", "-U", disk.From], null, cancellationToken).ConfigureAwait(false);
            facts[disk.From] = MoveDiskFacts.Parse(disk.From, json);
        }

        var (steps, chainErrors) = MoveChains.Plan(layout, facts);
        if (chainErrors.Count > 0)
        {
            throw new VmValidationException(chainErrors);
        }

        var live = view.State is VmState.Running or VmState.Paused;
        var sizes = layout.Moving.ToDictionary(f => f.From, f => facts.TryGetValue(f.From, out var d) ? d.ActualBytes : SizeOf(f.From));
        MoveSpace.Check(vm, layout, steps, sizes, live, MoveFileSystems.MountOf, MoveFileSystems.FreeBytes);
        return new MovePreparation(layout, steps, sizes, view.State, view.ProcessId, MoveSummary.Items(layout, sizes));
    }

    private static long SizeOf(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
}

/// <summary>Everything a move needs once its checks passed.</summary>
internal sealed record MovePreparation(MoveLayout Layout, IReadOnlyList<MoveDiskStep> Disks, IReadOnlyDictionary<string, long> Sizes, VmState State, int? ProcessId, IReadOnlyList<MoveItem> Items);
