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

/// <summary>The Move Wizard's pages (Hyper-V's, without "Before You Begin").</summary>
public enum MovePage
{
    ChooseMoveType,
    ChooseOptions,
    Locations,
    Summary,
}

/// <summary>Hyper-V's two move types; only the storage move exists here until peer hosts do.</summary>
public enum MoveType
{
    VirtualMachine,
    Storage,
}

/// <summary>
/// Hyper-V's Move Wizard for one VM: Choose Move Type ("Move the virtual machine" shown and disabled
/// until peer hosts exist) → Choose Options (the three storage modes) → the folders, checked as you
/// type (<see cref="IStorageMoveService.CheckMove"/>) → Summary (<see cref="IStorageMoveService.PlanMoveAsync"/>)
/// → Finish starts a "move-storage" job.
/// </summary>
public partial class MoveWizard
{
    /// <summary>Why "Move the virtual machine" is unavailable (also the API's sentence).</summary>
    public const string NoPeerHosts = HvWeb.Web.Api.MoveEndpoints.NoPeerHosts;

    private static readonly MovePage[] Pages = Enum.GetValues<MovePage>();

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private IVmManager Vms { get; set; } = default!;
    [Inject] private IStorageMoveService Moves { get; set; } = default!;
    [Inject] private IJobService Jobs { get; set; } = default!;
    [Inject] private StorageJobs StorageJobs { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Parameter, EditorRequired] public Guid VmId { get; set; }

    public MovePage Page { get; private set; } = MovePage.ChooseMoveType;

    public MoveType Type { get; private set; } = MoveType.Storage;

    public MoveStorageMode Mode { get; private set; } = MoveStorageMode.AllToOneFolder;

    public IReadOnlyList<MoveItem> Items { get; private set; } = [];

    private VmSnapshot Vm { get; set; } = default!;
    private string Folder { get; set; } = "";
    private string ConfigurationFolder { get; set; } = "";
    private string CheckpointFolder { get; set; } = "";
    private string SmartPagingFolder { get; set; } = "";
    private Dictionary<string, string> DiskFolders { get; } = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();
    private bool Busy { get; set; }
    private string? SubmitError { get; set; }

    private IEnumerable<string> Disks => Vm.Definition.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null).Select(d => d.Path!);

    private bool CanNext => !Busy && Page switch
    {
        MovePage.ChooseMoveType => Type == MoveType.Storage,
        MovePage.ChooseOptions => true,
        MovePage.Locations => Errors.Count == 0,
        _ => false,
    };

    private bool CanFinish => Page == MovePage.Summary && !Busy && SubmitError is null && Items.Count > 0;

    protected override async Task OnInitializedAsync()
    {
        Vm = Vms.Get(VmId);
        ConfigurationFolder = Vm.Definition.Folder;
        CheckpointFolder = CheckpointStore.Folder(Vm.Definition);
        SmartPagingFolder = Vm.Definition.SmartPagingFileLocation ?? Vm.Definition.Folder;
        foreach (var disk in Disks)
        {
            DiskFolders[disk] = Path.GetDirectoryName(disk) ?? "";
        }

        await Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
    }

    private static string Title(MovePage page, MoveStorageMode mode) => page switch
    {
        MovePage.ChooseMoveType => "Choose Move Type",
        MovePage.ChooseOptions => "Choose Options",
        MovePage.Locations => mode switch
        {
            MoveStorageMode.AllToOneFolder => "Virtual Machine",
            MoveStorageMode.EachItemOwnFolder => "Advanced Options",
            _ => "Virtual Hard Disks",
        },
        _ => "Summary",
    };

    public static string Label(MoveStorageMode mode) => mode switch
    {
        MoveStorageMode.AllToOneFolder => "Move all of the virtual machine's data to a single location",
        MoveStorageMode.EachItemOwnFolder => "Move the virtual machine's data to different locations",
        _ => "Move only the virtual machine's virtual hard disks",
    };

    public static string Explain(MoveStorageMode mode) => mode switch
    {
        MoveStorageMode.AllToOneFolder => "This option allows you to specify one location for all of the virtual machine's items.",
        MoveStorageMode.EachItemOwnFolder => "This option allows you to specify individual locations for the virtual machine's items.",
        _ => "This option allows you to move only the virtual machine's virtual hard disks.",
    };

    /// <summary>The wizard's answers; a field left at the item's current place is not sent (it stays).</summary>
    public MoveStorageRequest Request => Mode switch
    {
        MoveStorageMode.AllToOneFolder => new MoveStorageRequest(Mode, Folder: Folder.Trim()),
        MoveStorageMode.EachItemOwnFolder => new MoveStorageRequest(Mode,
            DiskFolders: ChangedDisks(),
            ConfigurationFolder: Changed(ConfigurationFolder, Vm.Definition.Folder),
            CheckpointFolder: Changed(CheckpointFolder, CheckpointStore.Folder(Vm.Definition)),
            SmartPagingFolder: Changed(SmartPagingFolder, Vm.Definition.SmartPagingFileLocation ?? Vm.Definition.Folder)),
        _ => new MoveStorageRequest(Mode, DiskFolders: ChangedDisks()),
    };

    private static string? Changed(string value, string current) =>
        value.Trim().TrimEnd('/') is var v && v.Length > 0 && v != current.TrimEnd('/') ? value.Trim() : null;

    private Dictionary<string, string> ChangedDisks() => DiskFolders
        .Where(d => Changed(d.Value, Path.GetDirectoryName(d.Key) ?? "") is not null)
        .ToDictionary(d => d.Key, d => d.Value.Trim(), StringComparer.Ordinal);

    private void Revalidate()
    {
        SubmitError = null;
        try
        {
            Errors = Moves.CheckMove(VmId, Request);
        }
        catch (VmNotFoundException e)
        {
            Errors = new Dictionary<string, string[]> { ["request"] = [e.Message] };
        }
    }

    private void SetDiskFolder(string disk, string? folder)
    {
        DiskFolders[disk] = folder ?? "";
        Revalidate();
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string[] ErrorsOf(params string[] fields) => [.. fields.SelectMany(f => Errors.TryGetValue(f, out var s) ? s : [])];

    private async Task NextAsync()
    {
        if (!CanNext)
        {
            return;
        }

        if (Page == MovePage.Locations)
        {
            Busy = true;
            SubmitError = null;
            Items = [];
            try
            {
                Items = await Moves.PlanMoveAsync(VmId, Request, CancellationToken.None);
            }
            catch (VmValidationException invalid)
            {
                Errors = invalid.Errors;
                return;
            }
#pragma warning disable CA1031 // The refusal (state, free space) is shown on the summary page.
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

        Page++;
        if (Page == MovePage.Locations)
        {
            Revalidate();
        }
    }

    private void Previous()
    {
        if (Page > MovePage.ChooseMoveType && !Busy)
        {
            Page--;
            SubmitError = null;
        }
    }

    private void SetMode(MoveStorageMode mode)
    {
        Mode = mode;
        Errors = new Dictionary<string, string[]>();
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await (Page == MovePage.Summary ? FinishAsync() : NextAsync());
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
            var job = await Jobs.EnqueueAsync(StorageJobs.Move(VmId, Request), user);
            Dialog.Close(DialogResult.Ok(job));
        }
#pragma warning disable CA1031 // Refusals (a job holds the VM, state, space) are shown in the wizard.
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
