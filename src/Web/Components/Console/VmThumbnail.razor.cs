using HvWeb.Engine.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace HvWeb.Web.Components.Console;

/// <summary>
/// A small live image of a VM's screen. wwwroot/display/thumbnails.js refreshes it about once a
/// second while it is visible (never in a hidden tab); the server reuses one thumbnail per VM.
/// </summary>
public sealed partial class VmThumbnail : IAsyncDisposable
{
    private IJSObjectReference? _module;

    [Parameter, EditorRequired]
    public VmSnapshot Vm { get; set; } = default!;

    /// <summary>Width in CSS pixels (the height follows at 16:10).</summary>
    [Parameter]
    public int Width { get; set; } = 128;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool HasScreen => Vm.State is VmState.Running or VmState.Paused or VmState.Stopping or VmState.Resetting or VmState.Saving;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./display/thumbnails.js");
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("start");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone.
        }
    }
}
