using HvWeb.Engine.Errors;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// The Settings tree and pages for one VM. Every edit rebuilds the <see cref="Engine.Model.VmUpdateRequest"/>
/// (only changed fields) and asks the engine's <c>CheckUpdate</c>; its sentences show under the
/// fields they name and the tree marks the pages that have any. OK applies and closes, Apply
/// applies and stays, Cancel discards; a refusal from the engine is shown and nothing is applied.
/// </summary>
public sealed partial class VmSettingsEditor
{
    [Inject] private IVmManager Vms { get; set; } = default!;
    [Inject] private VmActionRunner Runner { get; set; } = default!;

    /// <summary>The VM whose settings are shown.</summary>
    [Parameter, EditorRequired] public Guid VmId { get; set; }

    /// <summary>OK applied everything (or nothing had changed).</summary>
    [Parameter] public EventCallback Done { get; set; }

    /// <summary>Cancel: nothing more is applied.</summary>
    [Parameter] public EventCallback Cancelled { get; set; }

    /// <summary>The VM's name once loaded, and again after a rename is applied (for the title).</summary>
    [Parameter] public EventCallback<string> NameShown { get; set; }

    private SettingsEditState? State { get; set; }
    private string? LoadError { get; set; }
    private string? ApplyError { get; set; }
    private bool Busy { get; set; }
    private string SelectedKey { get; set; } = "add";

    private SettingsNode SelectedNode =>
        State!.Nodes.FirstOrDefault(n => !n.IsHeading && n.Key == SelectedKey) ?? State.Nodes.First(n => !n.IsHeading);

    private bool CanOk => !Busy && Confirming is null && State is { HasErrors: false };

    /// <summary>Set while the removals an Apply would make are shown for confirmation: what to do once confirmed.</summary>
    private Func<Task>? Confirming { get; set; }

    private IReadOnlyList<string> Removals => State is null ? [] : SettingsRemovals.Describe(State.Original, State.Request);

    private bool CanApply => CanOk && State is { HasChanges: true };

    protected override async Task OnInitializedAsync()
    {
        try
        {
            State = new SettingsEditState(Vms, Vms.Get(VmId));
            State.OnChanged = () =>
            {
                State.Recheck();
                ApplyError = null;
                Confirming = null;
                StateHasChanged();
            };
        }
        catch (VmNotFoundException e)
        {
            LoadError = e.Message;
            return;
        }

        await NameShown.InvokeAsync(State.Original.Name);
    }

    private void Select(string key) => SelectedKey = key;

    private async Task OkAsync()
    {
        if (!CanOk)
        {
            return;
        }

        if (Removals.Count > 0)
        {
            Confirming = OkConfirmedAsync;
            return;
        }

        await OkConfirmedAsync();
    }

    private async Task OkConfirmedAsync()
    {
        if (await ApplyAsync())
        {
            await Done.InvokeAsync();
        }
    }

    private async Task ApplyClickedAsync()
    {
        if (Removals.Count > 0)
        {
            Confirming = ApplyAsync;
            return;
        }

        await ApplyAsync();
    }

    private async Task ConfirmAsync()
    {
        var then = Confirming;
        Confirming = null;
        if (then is not null)
        {
            await then();
        }
    }

    private async Task<bool> ApplyAsync()
    {
        if (State is null || !CanOk)
        {
            return false;
        }

        if (!State.HasChanges)
        {
            return true;
        }

        Busy = true;
        ApplyError = null;
        try
        {
            Runner.ThrowIfLocked(VmId);
            var vm = await Vms.UpdateAsync(VmId, State.Request);
            State.Reload(vm);
            await NameShown.InvokeAsync(vm.Name);
            return true;
        }
        catch (VmValidationException e)
        {
            State.ShowRefusal(e.Errors);
            ApplyError = e.Message;
        }
        catch (Exception e) when (e is VmStateException or VmOperationException or VmNotFoundException or JobStateException)
        {
            ApplyError = e.Message;
        }
        finally
        {
            Busy = false;
        }

        return false;
    }

    private Task CancelAsync() => Cancelled.InvokeAsync();
}
