using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Console;

/// <summary>The console's words for the VM's state and the screen connection: the status chip and the sentence over the screen.</summary>
public static class ConsoleStatusText
{
    /// <summary>The VM has a QEMU process, hence a screen (Paused shows the frozen picture).</summary>
    public static bool HasScreen(VmSnapshot? vm) =>
        vm?.State is VmState.Running or VmState.Paused or VmState.Stopping or VmState.Resetting or VmState.Saving;

    public static string Chip(VmSnapshot? vm, DisplayConnection connection) => connection switch
    {
        DisplayConnection.Idle => HasScreen(vm) ? "Not connected" : vm?.State.ToString() ?? "Unknown",
        DisplayConnection.Connecting => "Connecting…",
        DisplayConnection.Connected => "Connected",
        DisplayConnection.Disconnected => "Disconnected",
    };

    /// <summary>What covers the screen when it cannot be shown, or null when it is shown.</summary>
    public static string? Overlay(VmSnapshot? vm, DisplayConnection connection, string message, int retryMs)
    {
        if (vm is null)
        {
            return "This virtual machine does not exist on this host.";
        }

        if (!HasScreen(vm))
        {
            return vm.State switch
            {
                VmState.Saved => $"VM '{vm.Name}' is Saved. Start it to resume from its saved state.",
                VmState.Starting => $"VM '{vm.Name}' is starting…",
                _ => $"VM '{vm.Name}' is {vm.State}. Start it to see its screen.",
            };
        }

        return connection switch
        {
            DisplayConnection.Connected => null,
            DisplayConnection.Idle or DisplayConnection.Connecting => "Connecting to the screen…",
            DisplayConnection.Disconnected => retryMs > 0
                ? $"{message} Reconnecting in {Math.Ceiling(retryMs / 1000.0):0} s…"
                : message,
        };
    }
}
