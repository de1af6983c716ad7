using System.Diagnostics;
using System.Globalization;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// Processes a killed host left behind (qemu-img writing a disk, a QEMU): found by the test's own
/// data folder in their command line, ended by their id.
/// </summary>
public static class OrphanProcesses
{
    public static IReadOnlyList<int> Using(string dataRoot)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(dataRoot, StringComparison.Ordinal) && LinuxProcess.IsRunning(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>Kills each process that uses <paramref name="dataRoot"/> and waits until it is gone; returns their command names.</summary>
    public static async Task<IReadOnlyList<string>> KillAsync(string dataRoot)
    {
        var killed = new List<string>();
        foreach (var pid in Using(dataRoot))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                killed.Add(process.ProcessName);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            while (LinuxProcess.IsRunning(pid) && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }

        return killed;
    }
}
