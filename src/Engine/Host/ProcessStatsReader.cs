using System.Globalization;

namespace HvWeb.Engine.Host;

/// <summary>
/// Reads a process's figures from /proc/&lt;pid&gt;/stat, and tells whether a pid is still our QEMU
/// (a pid can be recycled by an unrelated process after QEMU exits).
/// </summary>
public sealed class ProcessStatsReader
{
    /// <summary>
    /// /proc reports times in USER_HZ ticks. USER_HZ is part of Linux's user-space ABI and is 100 on
    /// every architecture (sysconf(_SC_CLK_TCK) / `getconf CLK_TCK` return it), so it is a constant here.
    /// </summary>
    private const long ClockTicksPerSecond = 100;

    // Fields of /proc/<pid>/stat counted after the ")" that closes the command name (man 5 proc: field 3 is index 0).
    private const int StateField = 0;
    private const int UserTimeField = 11;
    private const int SystemTimeField = 12;
    private const int StartTimeField = 19;

    private readonly string _procRoot;
    private readonly Lazy<DateTimeOffset?> _bootTime;

    public ProcessStatsReader()
        : this("/proc")
    {
    }

    /// <summary>For tests: a folder laid out like /proc.</summary>
    internal ProcessStatsReader(string procRoot)
    {
        _procRoot = procRoot;
        _bootTime = new Lazy<DateTimeOffset?>(ReadBootTime);
    }

    /// <summary>The figures of <paramref name="pid"/>, or null when there is no such process.</summary>
    public ProcessStats? Read(int pid)
    {
        var fields = ReadStatFields(pid);
        if (fields is null || _bootTime.Value is not { } bootTime)
        {
            return null;
        }

        var ticks = long.Parse(fields[UserTimeField], CultureInfo.InvariantCulture)
            + long.Parse(fields[SystemTimeField], CultureInfo.InvariantCulture);
        var startTicks = long.Parse(fields[StartTimeField], CultureInfo.InvariantCulture);
        return new ProcessStats(FromTicks(ticks), bootTime + FromTicks(startTicks));
    }

    /// <summary>True when <paramref name="pid"/> runs (not a zombie) and is a QEMU system emulator.</summary>
    public bool IsAlive(int pid)
    {
        var fields = ReadStatFields(pid);
        if (fields is null || fields[StateField] is "Z" or "X" or "x")
        {
            return false;
        }

        var commandLine = ReadOrNull(Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
        return commandLine is not null && commandLine.Contains("qemu-system", StringComparison.Ordinal);
    }

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromTicks(ticks * (TimeSpan.TicksPerSecond / ClockTicksPerSecond));

    private string[]? ReadStatFields(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        var stat = ReadOrNull(Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"));
        // The command name is in parentheses and may itself contain spaces and ")": split after the last ")".
        var close = stat?.LastIndexOf(')') ?? -1;
        if (stat is null || close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > StartTimeField ? fields : null;
    }

    private DateTimeOffset? ReadBootTime()
    {
        var stat = ReadOrNull(Path.Combine(_procRoot, "stat"));
        var line = stat?.Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
