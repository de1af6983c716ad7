using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Jobs.Storage;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HvWeb.Web.Components.Storage;

/// <summary>
/// Export Virtual Machine (and Export of one checkpoint): the location checked as you type
/// (<see cref="IExportService.CheckExport"/>), "Write the virtual hard disks as VHDX" with its
/// consequence; Export starts an "export-vm" job (the free space is checked then) and closes.
/// </summary>
public sealed partial class ExportDialog
{
    public const string VhdxConsequenceText =
        "Each disk is flattened into one .vhdx file. The checkpoints and a saved state are then not exported (QEMU cannot write VHDX differencing disks); the exported virtual machine is Off.";

    public const string ChainText = "The disks are exported as qcow2 with their checkpoints' differencing disks, and the checkpoints with them.";

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IExportService Exports { get; set; } = default!;

    [Inject] private StorageJobs Factory { get; set; } = default!;

    [Inject] private IJobService Jobs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public VmSnapshot Vm { get; set; } = default!;

    /// <summary>Export this checkpoint as a VM of its own; null: the VM with its checkpoints.</summary>
    [Parameter] public Checkpoint? Checkpoint { get; set; }

    private string Title => Checkpoint is { } c ? $"Export Checkpoint '{c.Name}'" : $"Export Virtual Machine '{Vm.Name}'";

    private string Destination { get; set; } = "";

    private bool DisksAsVhdx { get; set; }

    private string? DestinationProblem { get; set; }

    /// <summary>A refusal of the whole export (state, space, another operation), shown above the buttons.</summary>
    private string? Problem { get; set; }

    private bool Starting { get; set; }

    private bool CanExport => !Starting && Destination.Trim().Length > 0 && DestinationProblem is null;

    private string FolderHint => Destination.Trim().Length > 0 && DestinationProblem is null && Path.IsPathFullyQualified(Destination.Trim())
        ? $"The export goes to '{Path.Combine(Destination.Trim(), Vm.Name)}'."
        : "";

    private string VhdxConsequence => DisksAsVhdx ? VhdxConsequenceText : Checkpoint is null ? ChainText : "The checkpoint's disks are exported as qcow2 (the chain down to its base disk).";

    private string? StateNote => Checkpoint is not null ? "The checkpoint's settings and disks become a virtual machine of their own (same name and ID), without checkpoints."
        : Vm.State is VmState.Running or VmState.Paused ? $"'{Vm.Name}' keeps running: its disks are exported as they are at the moment the export starts."
        : null;

    private ExportRequest Request => new(Destination.Trim(), DisksAsVhdx, Checkpoint?.Id);

    private Task DestinationChangedAsync(string value)
    {
        Destination = value ?? "";
        Check();
        return Task.CompletedTask;
    }

    private Task VhdxChangedAsync(bool value)
    {
        DisksAsVhdx = value;
        return Task.CompletedTask;
    }

    private void Check()
    {
        Problem = null;
        if (Destination.Trim().Length == 0)
        {
            DestinationProblem = null;
            return;
        }

        try
        {
            var errors = Exports.CheckExport(Vm.Id, Request);
            DestinationProblem = errors.TryGetValue("destinationFolder", out var d) ? string.Join(" ", d) : null;
            Problem = errors.TryGetValue("checkpointId", out var c) ? string.Join(" ", c) : null;
        }
        catch (VmNotFoundException e)
        {
            Problem = e.Message;
        }
    }

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && CanExport)
        {
            await ExportAsync();
        }
    }

    private async Task ExportAsync()
    {
        Check();
        if (!CanExport || Problem is not null)
        {
            return;
        }

        Starting = true;
        try
        {
            var user = AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);
            var job = await Jobs.EnqueueAsync(Factory.Export(Vm.Id, Request), user);
            Snackbar.Add($"Exporting '{Vm.Name}' to '{Path.Combine(Request.DestinationFolder, Vm.Name)}': follow it in Jobs.", Severity.Info);
            Dialog.Close(DialogResult.Ok(job));
        }
        catch (VmValidationException e)
        {
            DestinationProblem = string.Join(" ", e.Errors.Values.SelectMany(v => v));
        }
        catch (Exception e) when (e is VmStateException or VmOperationException or VmNotFoundException or CheckpointNotFoundException or JobStateException)
        {
            Problem = e.Message;
        }
        finally
        {
            Starting = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    /// <summary>Opens the dialog for a VM, or for one of its checkpoints.</summary>
    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, VmSnapshot vm, Checkpoint? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(vm);
        return dialogs.ShowAsync<ExportDialog>(checkpoint is null ? "Export Virtual Machine" : "Export Checkpoint",
            new DialogParameters<ExportDialog> { { d => d.Vm, vm }, { d => d.Checkpoint, checkpoint } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }
}
