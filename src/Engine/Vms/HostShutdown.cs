using HvWeb.Engine.Host;

namespace HvWeb.Engine.Vms;

/// <summary>Whether the machine itself is going down (systemd says "stopping"), as opposed to only the console stopping.</summary>
internal static class HostShutdown
{
    public static async Task<bool> IsUnderWayAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync("systemctl", ["is-system-running"], TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            return result.StandardOutput.Trim() == "stopping";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or Errors.VmOperationException or TimeoutException)
        {
            // No systemd here (a container, a plain shell): only an explicit setting runs the stop actions.
            return false;
        }
    }
}
