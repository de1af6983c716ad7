using System.Diagnostics;
using HvWeb.Engine.Host;

namespace HvWeb.Tests.E2e.Qemu;

/// <summary>Makes sure no QEMU a test started survives it.</summary>
internal static class QemuKiller
{
    public static async Task KillAsync(int? pid)
    {
        if (pid is not { } id || !new ProcessStatsReader().IsAlive(id))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return;
        }

        await WaitForExitAsync(id, TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits until <paramref name="pid"/> is no longer a live QEMU (works for daemons that are not our children).</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var stats = new ProcessStatsReader();
        var watch = Stopwatch.StartNew();
        while (stats.IsAlive(pid))
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
