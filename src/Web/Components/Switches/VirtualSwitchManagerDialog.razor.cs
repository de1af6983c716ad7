using HvWeb.Engine.Errors;
using HvWeb.Engine.Networking;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Switches;

/// <summary>
/// Virtual Switch Manager (Actions pane → host): the switches, New virtual network switch, a
/// switch's properties with Apply and Remove (confirmed), and Global Network Settings → MAC
/// Address Range. Refusals (in use, no CAP_NET_ADMIN, bad fields) are shown, never thrown.
/// </summary>
public partial class VirtualSwitchManagerDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private SwitchService Service { get; set; } = default!;
    [Inject] private MacAddressPool Pool { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<VirtualSwitch> Switches { get; set; } = [];
    private IReadOnlyList<string> PhysicalAdapters { get; set; } = [];
    private Guid? SelectedId { get; set; }
    private SwitchForm? Editing { get; set; }
    private bool ShowMacPool { get; set; }
    private string PoolMinimum { get; set; } = "";
    private string PoolMaximum { get; set; } = "";
    private string? Message { get; set; }
    private bool MessageIsError { get; set; }
    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private string PoolSummary => $"{Pool.Current.Issued.Count} handed out, {Pool.Current.Available} left in the range.";

    protected override async Task OnInitializedAsync()
    {
        Switches = Service.List();
        try
        {
            PhysicalAdapters = await Service.PhysicalAdaptersAsync(CancellationToken.None);
        }
        catch (VmOperationException e)
        {
            Show(e.Message, error: true);
        }
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender
        ? Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false })
        : Task.CompletedTask;

    private static string TypeText(VirtualSwitch s) => s.Type switch
    {
        SwitchType.External => $"External ({s.PhysicalAdapter})",
        SwitchType.Internal => "Internal",
        SwitchType.Private => "Private",
        _ => "",
    };

    private static string TypeDescription(SwitchType type) => type switch
    {
        SwitchType.External => "Connects to the physical network adapter so that virtual machines can reach the physical network.",
        SwitchType.Internal => "Virtual machines and this host can talk to each other; nothing leaves the host.",
        SwitchType.Private => "Only virtual machines on this switch can talk to each other; the host has no address on it.",
        _ => "",
    };

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string ErrorText(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : "";

    private void NewSwitch()
    {
        SelectedId = null;
        ShowMacPool = false;
        Editing = new SwitchForm();
        Errors = new Dictionary<string, string[]>();
    }

    private void Select(VirtualSwitch s)
    {
        SelectedId = s.Id;
        ShowMacPool = false;
        Editing = SwitchForm.From(s);
        Errors = new Dictionary<string, string[]>();
    }

    private void ShowPool()
    {
        ShowMacPool = true;
        Editing = null;
        SelectedId = null;
        PoolMinimum = Pool.Current.Minimum;
        PoolMaximum = Pool.Current.Maximum;
        Errors = new Dictionary<string, string[]>();
    }

    private async Task ApplySwitchAsync()
    {
        if (Editing is null)
        {
            return;
        }

        await TryAsync(async () =>
        {
            var saved = SelectedId is { } id
                ? await Service.UpdateAsync(id, Editing.ToRequest(), CancellationToken.None)
                : await Service.CreateAsync(Editing.ToRequest(), CancellationToken.None);
            Switches = Service.List();
            Select(saved);
            Show($"Virtual switch '{saved.Name}' was saved.", error: false);
        });
    }

    private async Task RemoveAsync(Guid id)
    {
        var sw = Switches.First(s => s.Id == id);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove virtual switch",
            $"Remove virtual switch '{sw.Name}'? Network adapters connected to it lose their connection; a VM that still names it does not start until it is reconnected.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await TryAsync(async () =>
        {
            await Service.DeleteAsync(id, CancellationToken.None);
            Switches = Service.List();
            SelectedId = null;
            Editing = null;
            Show($"Virtual switch '{sw.Name}' was removed.", error: false);
        });
    }

    private Task ApplyPool() => TryAsync(() =>
    {
        Pool.Update(PoolMinimum, PoolMaximum);
        Show("The MAC address range was saved.", error: false);
        return Task.CompletedTask;
    });

    private async Task ResetPoolAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset MAC address pool",
            "Forget every dynamic address handed out? New adapters may then get addresses that earlier (possibly deleted) virtual machines used.",
            yesText: "Reset", cancelText: "Cancel");
        if (confirmed == true)
        {
            Pool.Reset();
            Show("The MAC address pool was reset.", error: false);
        }
    }

    private async Task TryAsync(Func<Task> action)
    {
        Errors = new Dictionary<string, string[]>();
        try
        {
            await action();
        }
        catch (VmValidationException e)
        {
            Errors = e.Errors;
            Show(e.Message, error: true);
        }
        catch (Exception e) when (e is SwitchInUseException or SwitchUnavailableException or SwitchNotFoundException or VmOperationException)
        {
            Show(e.Message, error: true);
        }
    }

    private void Show(string message, bool error)
    {
        Message = message;
        MessageIsError = error;
    }

    private void Close() => Dialog.Close();
}
