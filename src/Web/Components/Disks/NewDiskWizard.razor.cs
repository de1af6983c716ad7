using HvWeb.Engine.Disks;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Jobs;
using HvWeb.Jobs.Disks;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace HvWeb.Web.Components.Disks;

/// <summary>
/// New Virtual Hard Disk Wizard: Choose Disk Format → Choose Disk Type → Specify Name and Location
/// → Configure Disk → Summary. Checked as you type with <see cref="IDiskService.CheckCreate"/> (the
/// server's rules); Finish starts the same create-disk job as POST /api/v1/disks and closes with
/// the job. Enter = Next (Finish on the Summary), Escape = Cancel.
/// </summary>
public partial class NewDiskWizard
{
    private static readonly NewDiskPage[] Pages = Enum.GetValues<NewDiskPage>();
    private const string PageElementId = "hv-new-disk-wizard-page";
    private const string FinishButtonId = "hv-new-disk-wizard-finish";

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IDiskService Disks { get; set; } = default!;
    [Inject] private IJobService Jobs { get; set; } = default!;
    [Inject] private DiskJobFactory DiskJobs { get; set; } = default!;
    [Inject] private HostSettingsStore HostSettings { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    public NewDiskWizardModel Model { get; private set; } = default!;

    public NewDiskPage Page { get; private set; } = NewDiskPage.ChooseFormat;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private bool Submitting { get; set; }

    private string? SubmitError { get; set; }

    private bool _focusPending = true;

    private bool CanNext => Page != NewDiskPage.Summary && !Submitting && NewDiskWizardModel.IsValid(Page, Errors);

    private bool CanFinish => Page == NewDiskPage.Summary && !Submitting && Errors.Count == 0;

    protected override async Task OnInitializedAsync()
    {
        var settings = HostSettings.Current;
        // Hyper-V Settings' Virtual Hard Disks folder, else a "Virtual Hard Disks" folder beside the VMs.
        Model = new NewDiskWizardModel(settings.VirtualHardDisksFolder ?? Path.Combine(settings.VirtualMachinesFolder, "Virtual Hard Disks"));
        Revalidate();
        // The wizard puts the focus on each page's first field itself (WizardFocus).
        await Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, DefaultFocus = DefaultFocus.None });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPending)
        {
            _focusPending = false;
            var page = Page;
            await WizardFocus.FocusPageAsync(JS, Time, PageElementId, page == NewDiskPage.Summary ? FinishButtonId : null, () => Page == page);
        }
    }

    private void FormatChanged()
    {
        Model.FormatChanged();
        Revalidate();
    }

    private void Revalidate()
    {
        SubmitError = null;
        Errors = Disks.CheckCreate(Model.ToRequest());
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string? ErrorText(string field) => Errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private string[] ErrorsOf(string field) => Errors.TryGetValue(field, out var sentences) ? sentences : [];

    private void Next()
    {
        if (CanNext)
        {
            Page++;
            _focusPending = true;
        }
    }

    private void Previous()
    {
        if (Page > NewDiskPage.ChooseFormat)
        {
            Page--;
            _focusPending = true;
        }
    }

    private void Cancel() => Dialog.Cancel();

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key != "Enter")
        {
            return;
        }

        if (Page == NewDiskPage.Summary)
        {
            await FinishAsync();
        }
        else
        {
            Next();
        }
    }

    private async Task FinishAsync()
    {
        if (!CanFinish)
        {
            return;
        }

        Submitting = true;
        try
        {
            var user = JobUser.Of((await Authentication.GetAuthenticationStateAsync()).User);
            var job = await Jobs.EnqueueAsync(DiskJobs.Create(Model.ToRequest()), user);
            Dialog.Close(DialogResult.Ok(job));
        }
        catch (VmValidationException invalid)
        {
            Errors = invalid.Errors;
            SubmitError = invalid.Message;
        }
#pragma warning disable CA1031 // Any refusal (in use, no space) or failure is shown in the wizard.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SubmitError = ex.Message;
        }
        finally
        {
            Submitting = false;
        }
    }
}
