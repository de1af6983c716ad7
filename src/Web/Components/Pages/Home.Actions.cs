using HvWeb.Engine.Model;
using HvWeb.Web.Components.Disks;
using HvWeb.Web.Components.HostSettings;
using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Settings;
using HvWeb.Web.Components.Wizard;
using HvWeb.Web.Vms;
using MudBlazor;

namespace HvWeb.Web.Components.Pages;

/// <summary>The Actions pane and the bulk actions: confirmations as in Hyper-V Manager, failures shown, never thrown into the circuit.</summary>
public sealed partial class Home
{
    /// <summary>"Do not ask me again" for Turn Off...; the value "false" means do not ask.</summary>
    public const string ConfirmTurnOffKey = "confirm.turn-off";

    /// <summary>"Do not ask me again" for Shut Down...; the value "false" means do not ask.</summary>
    public const string ConfirmShutDownKey = "confirm.shut-down";

    public const string TurnOffWarning = "Turning off the virtual machine is like unplugging it: unsaved data in the guest is lost.";

    public const string ShutDownWarning = "Shutting down asks the guest operating system to shut down; programs in it may ask to save their work first.";

    private static readonly VmAction[] BulkActions = [VmAction.Start, VmAction.ShutDown, VmAction.TurnOff, VmAction.Save];

    private bool BulkRunning { get; set; }

    [Microsoft.AspNetCore.Components.Inject] private HvWeb.Jobs.Checkpoints.CheckpointJobs CheckpointFactory { get; set; } = default!;

    [Microsoft.AspNetCore.Components.Inject] private HvWeb.Jobs.IJobService JobService { get; set; } = default!;

    private async Task RunAsync(ConsoleAction action)
    {
        switch (action)
        {
            case ConsoleAction.NewVirtualMachine:
                await Dialogs.ShowAsync<NewVmWizard>("New Virtual Machine Wizard");
                return;
            case ConsoleAction.HyperVSettings:
                await Dialogs.ShowAsync<HostSettingsDialog>("Hyper-V Settings");
                return;
            case ConsoleAction.ImportVirtualMachine:
                await Dialogs.ShowAsync<Storage.ImportWizard>("Import Virtual Machine");
                return;
            case ConsoleAction.VirtualSwitchManager:
                await Dialogs.ShowAsync<Switches.VirtualSwitchManagerDialog>("Virtual Switch Manager");
                return;
            case ConsoleAction.Refresh:
                Reload();
                return;
            case ConsoleAction.NewHardDisk:
                await Dialogs.ShowAsync<NewDiskWizard>("New Virtual Hard Disk Wizard");
                return;
            case ConsoleAction.EditDisk:
                await Dialogs.ShowAsync<EditDiskWizard>("Edit Virtual Hard Disk Wizard");
                return;
            case ConsoleAction.InspectDisk:
                await Dialogs.ShowAsync<InspectDiskDialog>("Inspect Disk", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
                return;
        }

        if (Selected?.Vm is not { } vm)
        {
            return;
        }

        switch (action)
        {
            case ConsoleAction.Settings:
                await Dialogs.ShowAsync<VmSettingsDialog>($"Settings for {vm.Name}", new DialogParameters<VmSettingsDialog> { { d => d.VmId, vm.Id } },
                    new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
                return;
            case ConsoleAction.Delete:
                await DeleteAsync(vm);
                return;
            case ConsoleAction.Rename:
                await Dialogs.ShowAsync<RenameVmDialog>("Rename", new DialogParameters<RenameVmDialog> { { d => d.Vm, vm } });
                return;
            case ConsoleAction.Checkpoint:
                await GuardAsync(vm, "Checkpoint", () => HvWeb.Web.Components.Checkpoints.CheckpointCommands.TakeAsync(CheckpointFactory, JobService, vm.Id, User));
                return;
            case ConsoleAction.UpgradeConfigurationVersion:
                await UpgradeAsync(vm);
                return;
            case ConsoleAction.Move:
                await Dialogs.ShowAsync<HvWeb.Web.Components.Storage.MoveWizard>("Move Wizard", new DialogParameters<HvWeb.Web.Components.Storage.MoveWizard> { { d => d.VmId, vm.Id } });
                return;
            case ConsoleAction.Export:
                await Storage.ExportDialog.ShowAsync(Dialogs, vm);
                return;
        }

        if (ConsoleActions.PowerAction(action) is { } power && await ConfirmAsync(power, vm.Name))
        {
            await GuardAsync(vm, VmActions.Label(power), () => Actions.RunAsync(vm.Id, power, User));
        }
    }

    /// <summary>Runs an action of one VM with its actions disabled meanwhile; a refusal or failure is shown in a snackbar.</summary>
    private async Task GuardAsync(VmSnapshot vm, string what, Func<Task> run)
    {
        _busy.Add(vm.Id);
        try
        {
            await run();
        }
        catch (Engine.Networking.MissingSwitchException missing)
        {
            // The VM's switch is not on this host: say which, and offer Settings to reconnect the adapter or leave it Not Connected.
            if (await Dialogs.ShowMessageBoxAsync("Virtual switch not found", missing.Message, yesText: "Open Settings...", cancelText: "Close") == true)
            {
                await Dialogs.ShowAsync<VmSettingsDialog>($"Settings for {vm.Name}", new DialogParameters<VmSettingsDialog> { { d => d.VmId, vm.Id } },
                    new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
            }
        }
#pragma warning disable CA1031 // Any failure of the action is shown to the user, not thrown into the circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "{Action} of VM {VmName} failed", what, vm.Name);
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy.Remove(vm.Id);
        }
    }

    /// <summary>Turn Off... and Shut Down... ask first (unless the user said not to); the other actions do not.</summary>
    private async Task<bool> ConfirmAsync(VmAction action, string subject)
    {
        var (key, message) = action switch
        {
            VmAction.TurnOff => (ConfirmTurnOffKey, TurnOffWarning),
            VmAction.ShutDown => (ConfirmShutDownKey, ShutDownWarning),
            _ => (null, null),
        };
        if (key is null || await PreferenceAsync(key) == "false")
        {
            return true;
        }

        var dialog = await Dialogs.ShowAsync<ConfirmPowerDialog>(VmActions.Label(action), new DialogParameters<ConfirmPowerDialog>
        {
            { d => d.Title, $"{VmActions.Label(action)} {subject}" },
            { d => d.Message, message! },
            { d => d.ConfirmText, VmActions.Label(action) },
        });
        var result = await dialog.Result;
        if (result is not { Canceled: false })
        {
            return false;
        }

        if (result.Data is true)
        {
            await RememberAsync(key, "false");
        }

        return true;
    }

    /// <summary>The user's preference, or null when there is none or the store cannot be read (then the console asks, as by default).</summary>
    private async Task<string?> PreferenceAsync(string key)
    {
        try
        {
            return await Preferences.GetAsync(User, key);
        }
#pragma warning disable CA1031 // A preference that cannot be read falls back to the default; the action still works.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Could not read preference {Key} of {User}", key, User);
            return null;
        }
    }

    /// <summary>Stores a preference; when the store refuses, the user is told the choice is not remembered.</summary>
    private async Task RememberAsync(string key, string value)
    {
        try
        {
            await Preferences.SetAsync(User, key, value);
        }
#pragma warning disable CA1031 // The choice applies to this page either way; only remembering it failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Could not store preference {Key} of {User}", key, User);
            Snackbar.Add("Your choice applies now but could not be remembered.", Severity.Warning);
        }
    }

    private async Task DeleteAsync(VmSnapshot vm)
    {
        var dialog = await Dialogs.ShowAsync<DeleteVmDialog>("Delete", new DialogParameters<DeleteVmDialog> { { d => d.Vm, vm } });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: bool deleteDisks })
        {
            await GuardAsync(vm, "Delete", async () =>
            {
                Actions.ThrowIfLocked(vm.Id);
                await VmManager.DeleteAsync(vm.Id, deleteDisks);
            });
        }
    }

    private async Task UpgradeAsync(VmSnapshot vm)
    {
        var highest = ConfigurationVersion.Supported[^1];
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Upgrade Configuration Version",
            $"Upgrade '{vm.Name}' from configuration version {vm.Definition.Version} to {highest}? This cannot be undone: " +
            "the virtual machine will no longer run on hosts that only support older versions.",
            yesText: "Upgrade",
            cancelText: "Cancel");
        if (answer == true)
        {
            await GuardAsync(vm, "Upgrade Configuration Version", async () =>
            {
                Actions.ThrowIfLocked(vm.Id);
                await VmManager.UpgradeConfigurationVersionAsync(vm.Id);
            });
        }
    }

    /// <summary>
    /// Start, Shut Down, Turn Off or Save each checked VM through the same runner as one VM's action
    /// (Start and Save as jobs). VMs in a state where the action does not apply are refused with
    /// the state rule's sentence; the summary says which were refused and why.
    /// </summary>
    private async Task BulkAsync(VmAction action)
    {
        var targets = Checked.Where(_vms.ContainsKey).Select(id => _vms[id].Vm).OrderBy(vm => vm.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (targets.Count == 0 || !await ConfirmAsync(action, targets.Count == 1 ? targets[0].Name : $"{targets.Count} virtual machines"))
        {
            return;
        }

        BulkRunning = true;
        var refused = new List<string>();
        var done = 0;
        try
        {
            foreach (var vm in targets)
            {
                if (!VmActions.AppliesTo(action, vm.State))
                {
                    refused.Add(VmActions.Tooltip(action, vm));
                    continue;
                }

                try
                {
                    await Actions.RunAsync(vm.Id, action, User);
                    done++;
                }
#pragma warning disable CA1031 // Each VM's refusal goes into the summary; the others still run.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    refused.Add($"{vm.Name}: {ex.Message}");
                }
            }
        }
        finally
        {
            BulkRunning = false;
        }

        var label = VmActions.Label(action);
        if (refused.Count == 0)
        {
            Snackbar.Add($"{label}: {done} of {targets.Count} virtual machines.", Severity.Success);
        }
        else
        {
            await Dialogs.ShowMessageBoxAsync($"{label}: {refused.Count} of {targets.Count} refused",
                (MarkupStringOf(done, refused)), yesText: "OK");
        }
    }

    private static Microsoft.AspNetCore.Components.MarkupString MarkupStringOf(int done, List<string> refused) =>
        new($"<p>{done} done.</p><ul aria-label=\"Refused\">{string.Concat(refused.Select(r => $"<li>{System.Net.WebUtility.HtmlEncode(r)}</li>"))}</ul>");
}
