using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Persistence.Preferences;
using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Vms;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HvWeb.Web.Components.Pages;

/// <summary>
/// Hyper-V Manager's centre and Actions pane: the Virtual Machines list, the Checkpoints and details
/// panes of the selected VM, and the actions that apply to it. The engine's changes are pushed
/// (never polled): each is noted at once and the list renders at most once per
/// <see cref="RenderCoalescer.Interval"/>, only its visible rows (virtualized), so 500 VMs stay cheap.
/// </summary>
public sealed partial class Home : IDisposable
{
    private readonly Dictionary<Guid, VmRow> _vms = [];
    private readonly Dictionary<Guid, VmChange> _pending = [];
    private readonly Lock _pendingLock = new();
    private readonly HashSet<Guid> _busy = [];
    private readonly CancellationTokenSource _stop = new();
    private VmSubscription? _subscription;
    private RenderCoalescer? _coalescer;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IVmManager VmManager { get; set; } = default!;
    [Inject] private VmActionRunner Actions { get; set; } = default!;
    [Inject] private IUserPreferenceStore Preferences { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<Home> Logger { get; set; } = default!;

    private HostInfo Host { get; set; } = default!;

    private string Title => $"Hyper-V Manager — {Host.Name}";

    /// <summary>The signed-in user, for jobs and preferences.</summary>
    private string User { get; set; } = JobUser.Unknown;

    protected override async Task OnInitializedAsync()
    {
        Host = VmManager.Host;
        _coalescer = new RenderCoalescer(FlushAsync, Time);
        _subscription = VmManager.Subscribe();
        foreach (var vm in _subscription.InitialState)
        {
            _vms[vm.Id] = new VmRow(vm);
        }

        Arrange();
        _ = WatchAsync(_subscription, _stop.Token);
        User = AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);
        await LoadColumnsAsync();
    }

    private async Task WatchAsync(VmSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in subscription.Changes(cancellationToken))
            {
                lock (_pendingLock)
                {
                    _pending[change.Id] = change;
                }

                _coalescer!.Request();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
#pragma warning disable CA1031 // A broken stream must not take the circuit down; the page says so instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "The live VM list stopped");
            await InvokeAsync(() => Snackbar.Add("The live list stopped updating; reload the page.", Severity.Warning));
        }
    }

    /// <summary>Applies every change noted since the last render (only the latest per VM) and renders once.</summary>
    private async Task FlushAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await InvokeAsync(() =>
            {
                VmChange[] changes;
                lock (_pendingLock)
                {
                    changes = [.. _pending.Values];
                    _pending.Clear();
                }

                foreach (var change in changes)
                {
                    Apply(change);
                }

                Arrange();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
        {
            // The circuit went away while a change was being applied.
        }
    }

    private void Apply(VmChange change)
    {
        if (change.Snapshot is not { } snapshot)
        {
            _vms.Remove(change.Id);
            Checked.Remove(change.Id);
        }
        else if (_vms.TryGetValue(change.Id, out var row))
        {
            row.Vm = snapshot;
        }
        else
        {
            _vms[change.Id] = new VmRow(snapshot);
        }
    }

    /// <summary>Refresh: the engine's whole list again (the live stream keeps it current anyway).</summary>
    private void Reload()
    {
        var current = VmManager.List();
        var ids = current.Select(vm => vm.Id).ToHashSet();
        foreach (var gone in _vms.Keys.Where(id => !ids.Contains(id)).ToList())
        {
            _vms.Remove(gone);
            Checked.Remove(gone);
        }

        foreach (var vm in current)
        {
            Apply(new VmChange(vm.Id, vm));
        }

        Arrange();
    }

    private bool IsBusy(VmSnapshot vm) => _busy.Contains(vm.Id);

    public void Dispose()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _stop.Dispose();
    }
}
