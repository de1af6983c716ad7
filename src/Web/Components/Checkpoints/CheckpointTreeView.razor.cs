using System.Globalization;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;
using HvWeb.Jobs;
using HvWeb.Jobs.Checkpoints;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HvWeb.Web.Components.Checkpoints;

/// <summary>
/// The Checkpoints pane's content: the selected VM's checkpoint tree with the "Now" marker, a
/// checkpoint's details, and Apply / Delete / Delete Subtree / Rename (long ones run as jobs).
/// Re-read whenever the checkpoint service says the VM's checkpoints changed.
/// </summary>
public sealed partial class CheckpointTreeView
{
    private CheckpointTree? _tree;
    private Checkpoint? _selected;
    private string? _newName;
    private string? _error;
    private Guid? _shownVm;

    [Parameter] public VmSnapshot? Vm { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ICheckpointService Checkpoints { get; set; } = default!;
    [Inject] private CheckpointJobs Factory { get; set; } = default!;
    [Inject] private IJobService Jobs { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override void OnInitialized() => Checkpoints.Changed += OnChanged;

    protected override void OnParametersSet()
    {
        if (Vm?.Id != _shownVm)
        {
            _shownVm = Vm?.Id;
            _selected = null;
        }

        Load();
    }

    public void Dispose() => Checkpoints.Changed -= OnChanged;

    private void OnChanged(Guid vmId)
    {
        if (vmId == _shownVm)
        {
            _ = InvokeAsync(() =>
            {
                Load();
                StateHasChanged();
            });
        }
    }

    private void Load()
    {
        _error = null;
        if (Vm is null)
        {
            _tree = null;
            return;
        }

        try
        {
            _tree = Checkpoints.GetTree(Vm.Id);
            _selected = _selected is { } s ? _tree.Find(s.Id) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Engine.Errors.VmNotFoundException)
        {
            _tree = null;
            _error = $"The checkpoints could not be read: {e.Message}";
        }
    }

    private void Select(Checkpoint checkpoint)
    {
        _selected = checkpoint;
        _newName = checkpoint.Name;
    }

    private string Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Time.LocalTimeZone).ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);

    private static string FileSize(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length / (1024.0 * 1024.0):0.#} MB" : "missing";
    }

    private async Task<string> UserAsync() =>
        AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);

    private async Task ApplyAsync()
    {
        if (Vm is not { } vm || _selected is not { } c)
        {
            return;
        }

        var running = vm.State is VmState.Running or VmState.Paused;
        var answer = await Dialogs.ShowMessageBoxAsync("Apply Checkpoint",
            $"Are you sure you want to apply the selected checkpoint '{c.Name}'? The current state of '{vm.Name}' will be lost" +
            (running ? " and the virtual machine will be turned off." : ".") + " Take a checkpoint first to keep it.",
            yesText: "Take Checkpoint and Apply", noText: "Apply", cancelText: "Cancel");
        if (answer is null)
        {
            return;
        }

        await EnqueueAsync(() => Factory.Apply(vm.Id, c.Id, takeCheckpointFirst: answer.Value));
    }

    /// <summary>Hyper-V's Revert: apply the checkpoint "Now" runs from, after asking.</summary>
    private async Task RevertAsync()
    {
        if (Vm is not { } vm || _tree?.NowParentId is not { } parent)
        {
            return;
        }

        var confirm = await Dialogs.ShowMessageBoxAsync("Revert Virtual Machine",
            $"Are you sure you want to revert '{vm.Name}' to its previous checkpoint '{_tree.Get(parent).Name}'? Everything since that checkpoint will be lost.",
            yesText: "Revert", cancelText: "Cancel");
        if (confirm == true)
        {
            await EnqueueAsync(() => Factory.Revert(vm.Id));
        }
    }

    private async Task DeleteAsync(bool subtree)
    {
        if (Vm is not { } vm || _selected is not { } c)
        {
            return;
        }

        DeletePreview preview;
        try
        {
            preview = await Checkpoints.PreviewDeleteAsync(vm.Id, c.Id, subtree);
        }
        catch (Exception e) when (e is Engine.Errors.VmOperationException or CheckpointNotFoundException or IOException)
        {
            Snackbar.Add(e.Message, Severity.Error);
            return;
        }

        if (preview.Refusal is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Warning);
            return;
        }

        var what = subtree ? $"the checkpoint '{c.Name}' and the {preview.Checkpoints - 1} checkpoint(s) under it" : $"the checkpoint '{c.Name}'";
        var confirm = await Dialogs.ShowMessageBoxAsync(subtree ? "Delete Checkpoint Subtree" : "Delete Checkpoint",
            $"Are you sure you want to delete {what}? Its differencing disks are merged: {preview.BytesToMerge / (1024.0 * 1024.0):0.#} MB to merge, {preview.FreeBytes / (1024.0 * 1024.0 * 1024.0):0.#} GB free.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirm == true)
        {
            await EnqueueAsync(() => Factory.Delete(vm.Id, c.Id, subtree));
        }
    }

    private async Task RenameAsync()
    {
        if (Vm is not { } vm || _selected is not { } c)
        {
            return;
        }

        try
        {
            _selected = await Checkpoints.RenameAsync(vm.Id, c.Id, _newName ?? "");
            Load();
        }
        catch (Exception e) when (e is Engine.Errors.VmValidationException or CheckpointNotFoundException or IOException)
        {
            Snackbar.Add(e is Engine.Errors.VmValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message, Severity.Error);
        }
    }

    private async Task EnqueueAsync(Func<IJob> make)
    {
        try
        {
            var job = await Jobs.EnqueueAsync(make(), await UserAsync());
            Snackbar.Add($"{job.Description}: started.", Severity.Info);
        }
#pragma warning disable CA1031 // A refusal (state, lock, space) is shown to the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    /// <summary>Export...: the selected checkpoint as a VM of its own (see docs/storage.md).</summary>
    private async Task ExportAsync()
    {
        if (Vm is { } vm && _selected is { } checkpoint)
        {
            await Storage.ExportDialog.ShowAsync(Dialogs, vm, checkpoint);
        }
    }
}
