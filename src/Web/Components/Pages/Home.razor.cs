using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Web.Components.Vms;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HvWeb.Web.Components.Pages;

/// <summary>
/// The inventory: the current list plus the engine's stream of changes, applied on the renderer's
/// dispatcher (pushed from the server, never polled). Start and Save run as jobs: the click returns
/// once the job is queued, the Status column shows its progress and the layout's notifier says
/// how it ended.
/// </summary>
public sealed partial class Home : IDisposable
{
    private readonly Dictionary<Guid, VmRow> _vms = [];
    private readonly HashSet<Guid> _busy = [];
    private readonly CancellationTokenSource _stop = new();
    private VmSubscription? _subscription;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IVmManager VmManager { get; set; } = default!;
    [Inject] private VmActionRunner Actions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<Home> Logger { get; set; } = default!;

    private HostInfo Host { get; set; } = default!;

    private string Title => $"Hyper-V Manager — {Host.Name}";

    private List<VmRow> Rows { get; set; } = [];

    /// <summary>The optional Screen column (live thumbnails of running VMs).</summary>
    private bool ShowThumbnails { get; set; } = true;

    protected override void OnInitialized()
    {
        Host = VmManager.Host;
        _subscription = VmManager.Subscribe();
        foreach (var vm in _subscription.InitialState)
        {
            _vms[vm.Id] = new VmRow(vm);
        }

        SortRows();
        _ = WatchAsync(_subscription, _stop.Token);
    }

    private async Task WatchAsync(VmSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in subscription.Changes(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Apply(change);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit went away while a change was being applied.
        }
#pragma warning disable CA1031 // A broken stream must not take the circuit down; the page says so instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "The live VM list stopped");
            await InvokeAsync(() => Snackbar.Add("The live list stopped updating; reload the page.", Severity.Warning));
        }
    }

    private void Apply(VmChange change)
    {
        if (change.Snapshot is not { } snapshot)
        {
            _vms.Remove(change.Id);
        }
        else if (_vms.TryGetValue(change.Id, out var row))
        {
            row.Vm = snapshot;
        }
        else
        {
            _vms[change.Id] = new VmRow(snapshot);
        }

        SortRows();
    }

    private void SortRows() => Rows = [.. _vms.Values.OrderBy(row => row.Vm.Name, StringComparer.OrdinalIgnoreCase)];

    private bool IsBusy(VmSnapshot vm) => _busy.Contains(vm.Id);

    private async Task RunAsync(VmSnapshot vm, VmAction action)
    {
        if (action == VmAction.TurnOff && !await ConfirmTurnOffAsync(vm))
        {
            return;
        }

        _busy.Add(vm.Id);
        try
        {
            var user = AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);
            await Actions.RunAsync(vm.Id, action, user);
        }
#pragma warning disable CA1031 // Any failure of the action is shown to the user, not thrown into the circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "{Action} of VM {VmName} failed", action, vm.Name);
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy.Remove(vm.Id);
        }
    }

    private async Task<bool> ConfirmTurnOffAsync(VmSnapshot vm)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Turn Off",
            $"Turning off '{vm.Name}' is like pulling the plug: anything the guest has not saved is lost. Turn it off?",
            yesText: "Turn Off",
            cancelText: "Cancel");
        return answer == true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _stop.Dispose();
    }
}
