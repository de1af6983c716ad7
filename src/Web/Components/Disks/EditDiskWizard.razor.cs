using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Jobs;
using HvWeb.Jobs.Disks;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace HvWeb.Web.Components.Disks;

public enum EditDiskPage
{
    LocateDisk,
    ChooseAction,
    Configure,
    Summary,
}

/// <summary>
/// Edit Virtual Hard Disk Wizard: Locate Disk (inspected with qemu-img) → Choose Action (only the
/// actions that apply are enabled; the others say why) → Configure → Summary. Checked as you type
/// with <see cref="IDiskService.CheckEdit"/>; Finish starts the same job as POST /api/v1/disks/{action},
/// whose own checks (in use, free space) are shown here when they refuse.
/// </summary>
public partial class EditDiskWizard
{
    private static readonly EditDiskPage[] Pages = Enum.GetValues<EditDiskPage>();
    private const string PageElementId = "hv-edit-disk-wizard-page";
    private const string FinishButtonId = "hv-edit-disk-wizard-finish";

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IDiskService Disks { get; set; } = default!;
    [Inject] private IJobService Jobs { get; set; } = default!;
    [Inject] private DiskJobFactory DiskJobs { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    public EditDiskPage Page { get; private set; } = EditDiskPage.LocateDisk;

    public DiskDetails? Details { get; private set; }

    private string PathText { get; set; } = "";
    private string[] LocateProblems { get; set; } = [];
    private DiskAction Action { get; set; }
    private DiskFormat ConvertFormat { get; set; } = DiskFormat.Qcow2;
    private VirtualDiskType NewType { get; set; } = VirtualDiskType.Dynamic;
    private string DestinationPath { get; set; } = "";
    private decimal? NewSizeGb { get; set; }
    private bool MergeIntoNew { get; set; }
    private string ParentPath { get; set; } = "";
    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();
    private bool Busy { get; set; }
    private string? SubmitError { get; set; }
    private bool _focusPending = true;

    private bool CanNext => !Busy && Page switch
    {
        EditDiskPage.LocateDisk => PathText.Trim().Length > 0,
        EditDiskPage.ChooseAction => Details!.Actions.Any(a => a.Action == Action && a.Available),
        EditDiskPage.Configure => Errors.Count == 0,
        _ => false,
    };

    private bool CanFinish => Page == EditDiskPage.Summary && !Busy && Errors.Count == 0;

    private static string Title(EditDiskPage page) => page switch
    {
        EditDiskPage.LocateDisk => "Locate Disk",
        EditDiskPage.ChooseAction => "Choose Action",
        EditDiskPage.Configure => "Configure Disk",
        _ => "Summary",
    };

    private static string Explain(DiskAction action) => action switch
    {
        DiskAction.Compact => "Gives back the space of unused blocks; the maximum size stays.",
        DiskAction.Convert => "Copies the contents into a new disk of another format or type; this disk stays.",
        DiskAction.Expand => "Makes the disk larger.",
        DiskAction.Shrink => "Makes the disk smaller, never below the data it holds.",
        DiskAction.Merge => "Merges the changes of this differencing disk into its parent or into a new disk.",
        _ => "Points this differencing disk at its parent's new location.",
    };

    // The wizard puts the focus on each page's first field itself (WizardFocus): the dialog's own default focus would take it from the path box.
    protected override Task OnInitializedAsync() =>
        Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, DefaultFocus = DefaultFocus.None });

    /// <summary>Each page's first field (Locate Disk's path box, the chosen action…), or Finish on the Summary, gets the focus.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPending)
        {
            _focusPending = false;
            var page = Page;
            await WizardFocus.FocusPageAsync(JS, Time, PageElementId, page == EditDiskPage.Summary ? FinishButtonId : null, () => Page == page);
        }
    }

    public EditDiskRequest Request => new()
    {
        Path = Details?.Path ?? PathText.Trim(),
        Action = Action,
        Format = Action == DiskAction.Convert ? ConvertFormat : null,
        Type = Action == DiskAction.Convert || (Action == DiskAction.Merge && MergeIntoNew) ? NewType : null,
        DestinationPath = Action == DiskAction.Convert || (Action == DiskAction.Merge && MergeIntoNew) ? DestinationPath.Trim() : null,
        NewSizeBytes = Action is DiskAction.Expand or DiskAction.Shrink && NewSizeGb is { } gb
            ? (long)Math.Round(gb * 1024m, MidpointRounding.AwayFromZero) * DiskFormats.MiB : null,
        ParentPath = Action == DiskAction.Reconnect ? ParentPath.Trim() : null,
    };

    private void Revalidate()
    {
        SubmitError = null;
        Errors = Details is null ? new Dictionary<string, string[]>() : Disks.CheckEdit(Request, Details);
    }

    private void ConvertFormatChanged()
    {
        if (DestinationPath.Length > 0)
        {
            DestinationPath = Path.ChangeExtension(DestinationPath, DiskFormats.Extension(ConvertFormat));
        }

        Revalidate();
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string[] ErrorsOf(params string[] fields) => fields.SelectMany(f => Errors.TryGetValue(f, out var s) ? s : []).ToArray();

    private async Task NextAsync()
    {
        if (!CanNext)
        {
            return;
        }

        if (Page == EditDiskPage.LocateDisk)
        {
            Busy = true;
            LocateProblems = [];
            try
            {
                Details = await Disks.InspectAsync(PathText.Trim(), CancellationToken.None);
            }
            catch (VmValidationException invalid)
            {
                LocateProblems = invalid.Errors.SelectMany(e => e.Value).ToArray();
                return;
            }
#pragma warning disable CA1031 // qemu-img's own words are shown in the wizard.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LocateProblems = [ex.Message];
                return;
            }
            finally
            {
                Busy = false;
            }

            Action = Details.Actions.FirstOrDefault(a => a.Available)?.Action ?? DiskAction.Convert;
            var stem = Path.Combine(Path.GetDirectoryName(Details.Path)!, Path.GetFileNameWithoutExtension(Details.Path));
            DestinationPath = stem + "-converted" + DiskFormats.Extension(ConvertFormat);
            NewSizeGb = Math.Round(Details.MaximumSizeBytes / (decimal)DiskFormats.GiB, 6);
            ParentPath = Details.Parents.Count > 0 ? Details.Parents[0].Path : "";
        }

        Page++;
        _focusPending = true;
        Revalidate();
    }

    private void Previous()
    {
        if (Page > EditDiskPage.LocateDisk)
        {
            Page--;
            _focusPending = true;
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await (Page == EditDiskPage.Summary ? FinishAsync() : NextAsync());
        }
    }

    private async Task FinishAsync()
    {
        if (!CanFinish)
        {
            return;
        }

        Busy = true;
        try
        {
            var user = JobUser.Of((await Authentication.GetAuthenticationStateAsync()).User);
            var job = await Jobs.EnqueueAsync(DiskJobs.Edit(Request), user);
            Dialog.Close(DialogResult.Ok(job));
        }
#pragma warning disable CA1031 // Refusals (in use, free space) and failures are shown in the wizard.
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
