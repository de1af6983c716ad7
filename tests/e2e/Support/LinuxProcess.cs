namespace HvWeb.Tests.E2e.Support;

public static class LinuxProcess
{
    /// <summary>
    /// True while the process runs. A zombie (exited, not yet reaped — this sandbox's PID 1 reaps
    /// slowly) counts as gone.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
