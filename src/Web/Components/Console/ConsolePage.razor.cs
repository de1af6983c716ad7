using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Web.Display;
using HvWeb.Web.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace HvWeb.Web.Components.Console;

/// <summary>
/// A VM's screen in its own tab, like Hyper-V's Virtual Machine Connection: the canvas (drawn by
/// wwwroot/display/console.js from the display hub), a toolbar, the VM's state and the screen
/// connection's state. The VM's state comes live from the engine; the page tells the browser side
/// when there is a screen to connect to.
/// </summary>
public sealed partial class ConsolePage : IAsyncDisposable
{
    private static readonly (string Mode, string Label)[] ScaleModes = [(ScreenScale.Fit, "Fit"), (ScreenScale.Actual, "100 %"), (ScreenScale.Double, "200 %")];

    private readonly CancellationTokenSource _stop = new();
    private ElementReference _canvas;
    private ElementReference _screen;
    private IJSObjectReference? _module;
    private IJSObjectReference? _display;
    private DotNetObjectReference<ConsolePage>? _self;
    private VmSubscription? _subscription;
    private bool? _displayRunning;
    private string _displayMessage = "";
    private int _retryMs;

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>?readOnly=true: watch without input (also refused by the server).</summary>
    [SupplyParameterFromQuery]
    public bool ReadOnly { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IVmManager VmManager { get; set; } = default!;
    [Inject] private VmActionRunner Actions { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ConsolePage> Logger { get; set; } = default!;

    private VmSnapshot? Vm { get; set; }

    private bool Busy { get; set; }

    private string Scale { get; set; } = ScreenScale.Fit;

    private DisplayConnection Connection { get; set; } = DisplayConnection.Idle;

    private string VmName => Vm?.Name ?? "Unknown VM";

    private string Title => $"{VmName} — Virtual Machine Connection";

    private bool Connected => Connection == DisplayConnection.Connected && !ReadOnly;

    private bool HasScreen => ConsoleStatusText.HasScreen(Vm);

    private string ConnectionText => ConsoleStatusText.Chip(Vm, Connection);

    private Color StateColor => Connection switch
    {
        DisplayConnection.Connected => Color.Success,
        DisplayConnection.Disconnected => Color.Warning,
        DisplayConnection.Idle or DisplayConnection.Connecting => Color.Default,
    };

    /// <summary>What covers the screen when it cannot be shown: a sentence saying why.</summary>
    private string? Overlay => ConsoleStatusText.Overlay(Vm, Connection, _displayMessage, _retryMs);

    protected override void OnInitialized()
    {
        _subscription = VmManager.Subscribe();
        Vm = _subscription.InitialState.FirstOrDefault(vm => vm.Id == Id);
        _ = WatchAsync(_subscription, _stop.Token);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./display/console.js");
            _display = await _module.InvokeAsync<IJSObjectReference>("create", _canvas, _screen,
                new { vmId = Id, readOnly = ReadOnly, hubUrl = DisplayPaths.Hub }, _self);
        }

        await SyncDisplayAsync();
    }

    /// <summary>Tells the browser side whether there is a screen to connect to, when that changed.</summary>
    private async Task SyncDisplayAsync()
    {
        if (_display is null || _displayRunning == HasScreen)
        {
            return;
        }

        _displayRunning = HasScreen;
        if (!HasScreen)
        {
            Connection = DisplayConnection.Idle;
        }

        await _display.InvokeVoidAsync("setRunning", HasScreen);
        if (HasScreen)
        {
            await _display.InvokeVoidAsync("focus");
        }
    }

    private async Task WatchAsync(VmSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in subscription.Changes(cancellationToken))
            {
                if (change.Id == Id)
                {
                    await InvokeAsync(async () =>
                    {
                        Vm = change.Snapshot;
                        StateHasChanged();
                        await SyncDisplayAsync();
                    });
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or JSDisconnectedException && cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>console.js: "connecting", "connected" or "disconnected" with the server's sentence and the retry delay.</summary>
    [JSInvokable]
    public Task OnDisplayState(string state, string message, int retryMs) => InvokeAsync(() =>
    {
        Connection = state switch
        {
            "connecting" => DisplayConnection.Connecting,
            "connected" => DisplayConnection.Connected,
            _ => DisplayConnection.Disconnected,
        };
        _displayMessage = message;
        _retryMs = retryMs;
        StateHasChanged();
    });

    private Task CtrlAltDelAsync() => CallAsync("ctrlAltDel");

    private async Task TypeClipboardTextAsync()
    {
        var dialog = await Dialogs.ShowAsync<TypeTextDialog>("Type clipboard text", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string text } || _display is null)
        {
            return;
        }

        try
        {
            var result = await _display.InvokeAsync<TypedText>("typeText", text);
            Snackbar.Add(result.Skipped == 0
                ? $"Typed {result.Typed} characters."
                : $"Typed {result.Typed} characters; {result.Skipped} cannot be typed on a US keyboard and were skipped.",
                result.Skipped == 0 ? Severity.Success : Severity.Warning);
        }
        catch (JSException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }

        await CallAsync("focus");
    }

    private async Task SetScaleAsync(string mode)
    {
        Scale = mode;
        await CallAsync("setScale", mode);
    }

    private Task FullScreenAsync() => CallAsync("fullscreen");

    private Task ScreenshotAsync() =>
        CallAsync("screenshot", $"{VmName}-{Time.GetUtcNow():yyyyMMdd-HHmmss}Z.png");

    private Task ReconnectAsync() => CallAsync("reconnect");

    [Inject] private HvWeb.Jobs.Checkpoints.CheckpointJobs CheckpointFactory { get; set; } = default!;

    [Inject] private HvWeb.Jobs.IJobService JobService { get; set; } = default!;

    /// <summary>The toolbar's Checkpoint button: a checkpoint job with Hyper-V's default name.</summary>
    private async Task CheckpointAsync()
    {
        try
        {
            var user = AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);
            var job = await HvWeb.Web.Components.Checkpoints.CheckpointCommands.TakeAsync(CheckpointFactory, JobService, Id, user);
            Snackbar.Add($"{job.Description}: started.", Severity.Info);
        }
#pragma warning disable CA1031 // Any refusal is shown to the user, not thrown into the circuit.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Snackbar.Add(e.Message, Severity.Error);
        }

        await CallAsync("focus");
    }

    private async Task RunAsync(VmAction action)
    {
        if (action == VmAction.TurnOff && await Dialogs.ShowMessageBoxAsync(
                "Turn Off",
                $"Turning off '{VmName}' is like pulling the plug: anything the guest has not saved is lost. Turn it off?",
                yesText: "Turn Off",
                cancelText: "Cancel") != true)
        {
            return;
        }

        Busy = true;
        try
        {
            // Start and Save run as jobs (they show on the Jobs page); the VM's state arrives through the subscription.
            var user = AuthenticationState is null ? JobUser.Unknown : JobUser.Of((await AuthenticationState).User);
            await Actions.RunAsync(Id, action, user);
        }
#pragma warning disable CA1031 // Any failure of the action is shown to the user, not thrown into the circuit.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Logger.LogWarning(e, "{Action} of VM {VmName} failed", action, VmName);
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            Busy = false;
        }

        await CallAsync("focus");
    }

    private async Task CallAsync(string method, params object?[] args)
    {
        if (_display is null)
        {
            return;
        }

        try
        {
            await _display.InvokeVoidAsync(method, args);
        }
        catch (JSException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _subscription?.Dispose();
        try
        {
            if (_display is not null)
            {
                await _display.InvokeVoidAsync("dispose");
                await _display.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser tab is gone; nothing to clean up there.
        }

        _self?.Dispose();
        _stop.Dispose();
    }

    private sealed record TypedText(int Typed, int Skipped);
}
