using HvWeb.Engine.Host;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class ProcessStatsReaderTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("hvweb-proc-").FullName;

    public ProcessStatsReaderTests()
    {
        File.WriteAllText(Path.Combine(_proc, "stat"), "cpu  1 2 3\nbtime 1700000000\nprocesses 5\n");
        // A command name with a space and a ")" must not shift the fields.
        AddProcess(42, "qemu-system-x86_64\0-name\0guest=x\0", "S", "(qemu) x)");
        AddProcess(43, "bash\0", "S", "(bash)");
        AddProcess(44, "qemu-system-x86_64\0", "Z", "(qemu-system-x86)");
    }

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void Read_Process_SumsUserAndSystemTicksAndAddsStartToBootTime()
    {
        var stats = new ProcessStatsReader(_proc).Read(42);

        Assert.NotNull(stats);
        Assert.Equal(TimeSpan.FromSeconds(12.5), stats.CpuTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000) + TimeSpan.FromSeconds(30), stats.StartTime);
    }

    [Fact]
    public void Read_MissingProcess_ReturnsNull()
    {
        Assert.Null(new ProcessStatsReader(_proc).Read(99));
    }

    [Theory]
    [InlineData(42, true)]
    [InlineData(43, false)]
    [InlineData(44, false)]
    [InlineData(99, false)]
    [InlineData(0, false)]
    public void IsAlive_Pid_OnlyForARunningQemu(int pid, bool expected)
    {
        Assert.Equal(expected, new ProcessStatsReader(_proc).IsAlive(pid));
    }

    [Fact]
    public void IsAlive_ThisTestProcess_IsNotQemu()
    {
        Assert.False(new ProcessStatsReader().IsAlive(Environment.ProcessId));
        Assert.NotNull(new ProcessStatsReader().Read(Environment.ProcessId));
    }

    private void AddProcess(int pid, string cmdline, string state, string comm)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_proc, pid.ToString())).FullName;
        File.WriteAllText(Path.Combine(folder, "cmdline"), cmdline);
        // Fields 14/15 (utime/stime) = 1000 + 250 ticks; field 22 (starttime) = 3000 ticks.
        File.WriteAllText(
            Path.Combine(folder, "stat"),
            $"{pid} {comm} {state} 1 {pid} {pid} 0 -1 4194560 100 0 0 0 1000 250 0 0 20 0 3 0 3000 100000 2000 18446744073709551615\n");
    }
}
