using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HvWeb.Web.Components.HostSettings;

/// <summary>
/// Hyper-V Settings (opened with IDialogService.ShowAsync&lt;HostSettingsDialog&gt;()): the server's
/// default folders, simultaneous storage migrations and Enhanced Session Mode policy
/// (<see cref="HostSettingsStore"/>, the same as PATCH /api/v1/host/settings), and the signed-in
/// user's keyboard, mouse release key and Reset Check Boxes (<see cref="UserSettings"/>). Checked as
/// you type; OK and Apply save, nothing is saved when a field is refused.
/// </summary>
public partial class HostSettingsDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private HostSettingsStore Store { get; set; } = default!;
    [Inject] private UserSettings User { get; set; } = default!;
    [Inject] private IVmManager Vms { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    private string _user = JobUser.Unknown;
    private HvWeb.Engine.Host.HostSettings _saved = default!;

    private string HostName => Vms.Host.Name;

    private string DisksFolder { get; set; } = "";
    private string VmsFolder { get; set; } = "";
    private int StorageMigrations { get; set; }
    private bool EnhancedSessionAllowed { get; set; }
    private string Keyboard { get; set; } = UserSettings.DefaultKeyboard;
    private string MouseReleaseKey { get; set; } = UserSettings.DefaultMouseReleaseKey;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();
    private bool Busy { get; set; }
    private string? SaveError { get; set; }
    private string? SavedMessage { get; set; }
    private string? ResetMessage { get; set; }

    private bool CanSave => !Busy && Errors.Count == 0;

    protected override async Task OnInitializedAsync()
    {
        _saved = Store.Current;
        DisksFolder = _saved.VirtualHardDisksFolder ?? "";
        VmsFolder = _saved.VirtualMachinesFolder;
        StorageMigrations = _saved.StorageMigrations;
        EnhancedSessionAllowed = _saved.EnhancedSessionModeAllowed;
        _user = JobUser.Of((await Authentication.GetAuthenticationStateAsync()).User);
        Keyboard = await User.KeyboardAsync(_user);
        MouseReleaseKey = await User.MouseReleaseKeyAsync(_user);
        await Dialog.SetOptionsAsync(new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, DefaultFocus = DefaultFocus.FirstChild });
    }

    /// <summary>What PATCH would send: only what differs from the saved settings.</summary>
    private HostSettingsUpdate Update() => new()
    {
        VirtualHardDisksFolder = DisksFolder.Trim() == (_saved.VirtualHardDisksFolder ?? "") ? null : DisksFolder.Trim(),
        VirtualMachinesFolder = VmsFolder.Trim() == _saved.VirtualMachinesFolder ? null : VmsFolder.Trim(),
        StorageMigrations = StorageMigrations == _saved.StorageMigrations ? null : StorageMigrations,
        EnhancedSessionModeAllowed = EnhancedSessionAllowed == _saved.EnhancedSessionModeAllowed ? null : EnhancedSessionAllowed,
    };

    private void Revalidate()
    {
        Errors = HostSettingsStore.Check(Update());
        SavedMessage = null;
    }

    private bool HasError(string field) => Errors.ContainsKey(field);

    private string? ErrorText(string field) => Errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private async Task<bool> SaveAsync()
    {
        Revalidate();
        if (!CanSave)
        {
            return false;
        }

        Busy = true;
        SaveError = null;
        try
        {
            _saved = await Store.UpdateAsync(Update());
            await User.SetAsync(_user, UserSettings.KeyboardKey, Keyboard);
            await User.SetAsync(_user, UserSettings.MouseReleaseKeyKey, MouseReleaseKey);
            SavedMessage = "The settings were saved.";
            return true;
        }
        catch (VmValidationException invalid)
        {
            Errors = invalid.Errors;
            return false;
        }
        catch (VmOperationException failed)
        {
            SaveError = failed.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    private Task ApplyAsync() => SaveAsync();

    private async Task OkAsync()
    {
        if (await SaveAsync())
        {
            Dialog.Close(DialogResult.Ok(_saved));
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e is { Key: "Enter", Repeat: false } && CanSave)
        {
            await OkAsync();
        }
    }

    private async Task ResetCheckBoxesAsync()
    {
        var removed = await User.ResetCheckBoxesAsync(_user);
        ResetMessage = removed == 1 ? "1 remembered choice was reset." : $"{removed} remembered choices were reset.";
    }

    private void Cancel() => Dialog.Cancel();
}
