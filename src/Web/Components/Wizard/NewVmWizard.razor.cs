using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Persistence.Preferences;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace HvWeb.Web.Components.Wizard;

/// <summary>
/// New Virtual Machine Wizard (opened with IDialogService.ShowAsync&lt;NewVmWizard&gt;(), or at
/// /vms/new). Hyper-V's pages with a step list; each page is checked as you type with
/// <see cref="IVmManager.CheckCreate"/> (the server's own rules), Next is enabled only when the
/// page is valid, and Finish starts the same create job as POST /api/v1/vms. The dialog's result
/// is the job (<see cref="Jobs.JobInfo"/>). Keyboard: focus goes to each page's first field, Enter =
/// Next (Finish on the Summary), Escape = Cancel.
/// </summary>
public partial class NewVmWizard
{
    /// <summary>IUserPreferenceStore key: "Do not show this page again" on Before You Begin.</summary>
    public const string SkipIntroPreference = "wizard.new-vm.skip-intro";
    public const string NotConnected = "Not Connected";
    private const string PageElementId = "hv-new-vm-wizard-page";
    private const string FinishButtonId = "hv-new-vm-wizard-finish";
    private const string FirstFieldSelector = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), [role=combobox][tabindex=\"0\"]";

    private static readonly WizardPage[] Pages = Enum.GetValues<WizardPage>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private IVmManager Vms { get; set; } = default!;
    [Inject] private HostSettingsStore HostSettings { get; set; } = default!;
    [Inject] private IUserPreferenceStore Preferences { get; set; } = default!;
    [Inject] private VmActionRunner Runner { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The host's virtual switches (none when the switch service is not there, e.g. in UI tests).</summary>
    private Engine.Networking.SwitchService? Switches => Services.GetService(typeof(Engine.Networking.SwitchService)) as Engine.Networking.SwitchService;

    /// <summary>The wizard's answers (public for tests).</summary>
    public NewVmWizardModel Model { get; private set; } = default!;

    public WizardPage Page { get; private set; } = WizardPage.BeforeYouBegin;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private bool SkipIntro { get; set; }

    private bool Submitting { get; set; }

    private string? SubmitError { get; set; }

    private bool _focusPending = true;
    private string _user = JobUser.Unknown;

    private long HostMemoryMb => Vms.Host.MemoryTotalMb;

    private bool CanNext => Page != WizardPage.Summary && !Submitting && NewVmWizardModel.IsValid(Page, Errors);

    private bool CanFinish => Page != WizardPage.BeforeYouBegin && !Submitting && Errors.Count == 0;

    private string NetworkInstallNote => (Model.Generation == VmGeneration.One
            ? "Generation 1 starts from the network with a legacy network adapter, as in Hyper-V; the VM will try the network first. "
            : "The VM will try the network first (PXE from its network adapter). ")
        + "Its network adapter is Not Connected until virtual switches exist, so no installation server can be reached yet.";

    protected override async Task OnInitializedAsync()
    {
        var settings = HostSettings.Current;
        Model = new NewVmWizardModel(settings.VirtualMachinesFolder, settings.VirtualHardDisksFolder);
        _user = JobUser.Of((await Authentication.GetAuthenticationStateAsync()).User);
        SkipIntro = await Preferences.GetAsync(_user, SkipIntroPreference) == "true";
        if (SkipIntro)
        {
            Page = WizardPage.NameAndLocation;
        }

        Revalidate();
        await Dialog.SetOptionsAsync(new DialogOptions
        {
            MaxWidth = MaxWidth.Medium,
            FullWidth = true,
            CloseOnEscapeKey = true,
            BackdropClick = false,
            CloseButton = false,
            // The wizard puts the focus on each page's first field itself.
            DefaultFocus = DefaultFocus.None,
        });
        _focusPending = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPending)
        {
            _focusPending = false;
            await FocusFirstFieldAsync();
        }
    }

    /// <summary>The current page's selected option, else its first box; on the Summary, Finish (as in Hyper-V, so Enter creates the VM).</summary>
    private Task FocusFirstFieldAsync()
    {
        var page = Page;
        return WizardFocus.FocusPageAsync(JS, Time, PageElementId, page == WizardPage.Summary ? FinishButtonId : null, () => Page == page, FirstFieldSelector);
    }

    /// <summary>"Copy the disk into the virtual machine's folder" (a qcow2 only: a converted .vhdx / .vhd is always copied).</summary>
    private Task CopyExistingChangedAsync(bool value)
    {
        Model.CopyExisting = value;
        Revalidate();
        return Task.CompletedTask;
    }

    private void Revalidate()
    {
        Errors = Model.Check(Vms);
        SubmitError = null;
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string? ErrorText(string field) => Errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private string[] ErrorsOf(params string[] fields) => [.. fields.SelectMany(f => Errors.GetValueOrDefault(f) ?? [])];

    private async Task SetSkipIntroAsync(bool value)
    {
        SkipIntro = value;
        if (value)
        {
            await Preferences.SetAsync(_user, SkipIntroPreference, "true");
        }
        else
        {
            await Preferences.RemoveAsync(_user, SkipIntroPreference);
        }
    }

    private void GoTo(WizardPage page)
    {
        Page = page;
        _focusPending = true;
    }

    private void Previous()
    {
        if (Page > WizardPage.BeforeYouBegin)
        {
            GoTo(Page - 1);
        }
    }

    private void Next()
    {
        Revalidate();
        if (CanNext)
        {
            GoTo(Page + 1);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key != "Enter" || e.Repeat)
        {
            return;
        }

        if (Page == WizardPage.Summary)
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
        Revalidate();
        if (!CanFinish)
        {
            if (Pages.FirstOrDefault(p => !NewVmWizardModel.IsValid(p, Errors)) is var bad && bad != WizardPage.Summary && bad != Page)
            {
                GoTo(bad);
            }

            return;
        }

        Submitting = true;
        try
        {
            var job = await Runner.CreateAsync(Model.ToRequest(), _user);
            Dialog.Close(DialogResult.Ok(job));
        }
        catch (VmValidationException invalid)
        {
            // Something changed since the last check (a disk appeared, a file went away).
            Errors = invalid.Errors;
            SubmitError = invalid.Message;
            GoTo(Pages.FirstOrDefault(p => p != WizardPage.BeforeYouBegin && !NewVmWizardModel.IsValid(p, Errors)));
        }
#pragma warning disable CA1031 // Any failure to start the job is shown in the wizard, which stays open.
        catch (Exception failed)
#pragma warning restore CA1031
        {
            SubmitError = $"The virtual machine could not be created: {failed.Message}";
        }
        finally
        {
            Submitting = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    private static string TitleOf(WizardPage page) => page switch
    {
        WizardPage.BeforeYouBegin => "Before You Begin",
        WizardPage.NameAndLocation => "Specify Name and Location",
        WizardPage.Generation => "Specify Generation",
        WizardPage.ConfigurationVersion => "Configuration Version",
        WizardPage.Memory => "Assign Memory",
        WizardPage.Networking => "Configure Networking",
        WizardPage.VirtualHardDisk => "Connect Virtual Hard Disk",
        WizardPage.InstallationOptions => "Installation Options",
        WizardPage.Summary => "Summary",
    };

    private static string VersionLabel(ConfigurationVersion version) =>
        version == ConfigurationVersion.Default ? $"{version} (default, Windows Server 2016)" : version.ToString();
}
