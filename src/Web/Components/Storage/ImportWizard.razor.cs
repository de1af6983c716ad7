using System.Globalization;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Storage;
using HvWeb.Jobs;
using HvWeb.Jobs.Storage;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HvWeb.Web.Components.Storage;

/// <summary>
/// Import Virtual Machine: Locate Folder → Select Virtual Machine → Choose Import Type → Choose
/// Folders (Restore and Copy) → Connect Network / Locate Virtual Hard Disks (when Compare-VM
/// reports a missing switch or file) → Summary. Each Next after the import type runs Compare-VM
/// (<see cref="IImportService.CompareAsync"/>, nothing written); what no choice can fix (ID in use,
/// configuration version, a destination problem) is shown on the page and keeps Next disabled
/// until another type or folder is chosen. Finish starts the same import-vm job as POST
/// /api/v1/import. Enter = Next (Finish on the Summary), Escape = Cancel, arrow keys move in the
/// list of virtual machines.
/// </summary>
public partial class ImportWizard
{
    private static readonly HashSet<string> FolderFields = ["virtualMachineFolder", "checkpointFolder", "smartPagingFolder", "disksFolder"];

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IImportService Imports { get; set; } = default!;
    [Inject] private IJobService Jobs { get; set; } = default!;
    [Inject] private StorageJobs StorageJobs { get; set; } = default!;
    [Inject] private HostSettingsStore HostSettings { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    public ImportWizardModel Model { get; private set; } = default!;

    public ImportPage Page { get; private set; } = ImportPage.LocateFolder;

    private Dictionary<string, string[]> Errors { get; set; } = [];

    private bool Busy { get; set; }

    private string? SubmitError { get; set; }

    private bool CanNext => Page != ImportPage.Summary && !Busy && (Page != ImportPage.SelectVirtualMachine || Model.Selected is not null);

    private bool CanFinish => Page == ImportPage.Summary && !Busy && Model.Report is { CanImport: true };

    private string FolderOfVm => Path.Combine(string.IsNullOrWhiteSpace(Model.VirtualMachineFolder) ? HostSettings.Current.VirtualMachinesFolder : Model.VirtualMachineFolder,
        Model.Selected?.Name ?? "");

    /// <summary>What blocks the import and is not shown under a folder's field (Restore and Copy show those on Choose Folders).</summary>
    private IReadOnlyList<string> BlockingHere => [.. Model.Blocking.Where(f => !IsFolderProblem(f)).Select(f => f.Message)];

    private bool IsFolderProblem(ImportFixUp fixUp) => Model.CopiesFiles && fixUp.Kind == ImportFixUpKind.Blocked && FolderFields.Contains(fixUp.Key);

    private IReadOnlyList<string> Unresolved => [.. Model.Report?.FixUps.Where(f => !f.Resolved).Select(f => f.Message) ?? []];

    protected override async Task OnInitializedAsync()
    {
        var settings = HostSettings.Current;
        Model = new ImportWizardModel(settings.VirtualMachinesFolder, settings.VirtualHardDisksFolder);
        await Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, DefaultFocus = DefaultFocus.None });
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string? ErrorText(string field) => Errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private string[] ErrorsOf(string field) => Errors.TryGetValue(field, out var sentences) ? sentences : [];

    private string OptionId(ImportCandidate candidate) => $"hv-import-vm-{IndexOf(candidate)}";

    private int IndexOf(ImportCandidate candidate)
    {
        for (var i = 0; i < Model.Candidates.Count; i++)
        {
            if (Model.Candidates[i] == candidate)
            {
                return i;
            }
        }

        return -1;
    }

    private string Created(ImportCandidate candidate) =>
        TimeZoneInfo.ConvertTime(candidate.CreatedUtc, Time.LocalTimeZone).ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);

    private void Select(ImportCandidate candidate)
    {
        if (Model.Selected != candidate)
        {
            Model.Selected = candidate;
            Model.Report = null;
            Model.SwitchChoices.Clear();
            Model.DiskLocations.Clear();
            Model.EmptyDrives.Clear();
        }
    }

    private void OnListKeyDown(KeyboardEventArgs e)
    {
        if (Model.Candidates.Count == 0)
        {
            return;
        }

        var index = Model.Selected is null ? -1 : IndexOf(Model.Selected);
        var next = e.Key switch
        {
            "ArrowDown" => Math.Min(index + 1, Model.Candidates.Count - 1),
            "ArrowUp" => Math.Max(index - 1, 0),
            "Home" => 0,
            "End" => Model.Candidates.Count - 1,
            _ => index,
        };
        if (next >= 0 && next != index)
        {
            Select(Model.Candidates[next]);
        }
    }

    private void LeaveEmpty(string key, bool empty)
    {
        if (empty)
        {
            Model.EmptyDrives.Add(key);
        }
        else
        {
            Model.EmptyDrives.Remove(key);
        }
    }

    private void TypeChanged()
    {
        Model.Report = null;
        Errors = [];
    }

    private void Previous()
    {
        var pages = Model.Pages;
        var index = pages.ToList().IndexOf(Page);
        if (index > 0)
        {
            Errors = [];
            SubmitError = null;
            Page = pages[index - 1];
        }
    }

    private void Cancel() => Dialog.Cancel();

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key != "Enter")
        {
            return;
        }

        if (Page == ImportPage.Summary)
        {
            await FinishAsync();
        }
        else if (CanNext)
        {
            await NextAsync();
        }
    }

    private async Task NextAsync()
    {
        if (!CanNext)
        {
            return;
        }

        SubmitError = null;
        Errors = [];
        Busy = true;
        try
        {
            if (!await PageDoneAsync())
            {
                return;
            }

            var pages = Model.Pages.ToList();
            Page = pages[Math.Min(pages.IndexOf(Page) + 1, pages.Count - 1)];
        }
#pragma warning disable CA1031 // Any failure (a folder that cannot be read, qemu-img missing) is shown in the wizard.
        catch (Exception ex) when (ex is not VmValidationException)
#pragma warning restore CA1031
        {
            SubmitError = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Checks the current page; false keeps the wizard on it (with the reasons shown).</summary>
    private async Task<bool> PageDoneAsync()
    {
        switch (Page)
        {
            case ImportPage.LocateFolder:
                try
                {
                    Model.Candidates = Imports.Locate(Model.Folder.Trim());
                }
                catch (VmValidationException invalid)
                {
                    Errors = invalid.Errors.ToDictionary(e => e.Key, e => e.Value);
                    return false;
                }

                Select(Model.Selected is { } kept && Model.Candidates.Contains(kept) ? kept : Model.Candidates[0]);
                return true;
            case ImportPage.SelectVirtualMachine:
                return Model.Selected is not null;
            case ImportPage.ChooseImportType:
                if (!await CompareAsync())
                {
                    return false;
                }

                // Restore and Copy: a destination problem is shown on the next page, under its folder.
                return !Model.Blocking.Any(f => !IsFolderProblem(f));
            case ImportPage.ChooseFolders:
                return await CompareAsync() && Model.Blocking.Count == 0;
            case ImportPage.ConnectNetwork:
                return await CompareAsync() && Model.Blocking.Count == 0 && Model.FixUps(ImportFixUpKind.MissingSwitch).All(f => f.Resolved);
            case ImportPage.LocateVirtualHardDisks:
                return await CompareAsync() && Model.Blocking.Count == 0 && Model.FixUps(ImportFixUpKind.MissingDisk).All(f => f.Resolved);
            case ImportPage.Summary:
                return false;
        }

        return false;
    }

    /// <summary>Compare-VM with the answers so far; field errors and the destination's problems go under their fields.</summary>
    private async Task<bool> CompareAsync()
    {
        try
        {
            Model.Report = await Imports.CompareAsync(Model.ToRequest(), CancellationToken.None);
        }
        catch (VmValidationException invalid)
        {
            Errors = invalid.Errors.ToDictionary(e => e.Key, e => e.Value);
            return false;
        }

        Model.DefaultSwitchChoices();
        Errors = Model.Blocking
            .Where(IsFolderProblem)
            .GroupBy(f => f.Key)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
        return true;
    }

    private async Task FinishAsync()
    {
        if (!CanFinish || Model.Selected is not { } vm)
        {
            return;
        }

        Busy = true;
        try
        {
            var user = JobUser.Of((await Authentication.GetAuthenticationStateAsync()).User);
            var job = await Jobs.EnqueueAsync(StorageJobs.Import(Model.ToRequest(), vm.Name), user);
            Dialog.Close(DialogResult.Ok(job));
        }
        catch (VmValidationException invalid)
        {
            Errors = invalid.Errors.ToDictionary(e => e.Key, e => e.Value);
            SubmitError = invalid.Message;
        }
#pragma warning disable CA1031 // Any refusal (fix-ups, ID registered meanwhile) or failure is shown in the wizard.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SubmitError = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
